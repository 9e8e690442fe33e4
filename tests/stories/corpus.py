"""A tiny fictional corpus for the story tests: three happenings in two storylines, written for these tests."""

from __future__ import annotations

from newstrace.stories.features import StoryDoc

BRIDGE_1 = (
    "ORLA, March 3. Engineers closed the old Tavish bridge over the river Morrow on Tuesday after inspectors found "
    "cracks in two of its steel piers, the city transport office said. Mayor Ilse Brandvold said the bridge would "
    "stay shut until the piers were repaired. \"Nobody crosses a cracked bridge on my watch,\" Brandvold said. "
    "Buses to the eastern districts were rerouted over the Kelling ferry road."
)
BRIDGE_2 = (
    "Orla's Tavish bridge shut after inspectors find cracked piers. The city closed the bridge over the Morrow on "
    "Tuesday when inspectors reported cracks in two steel piers. Mayor Ilse Brandvold told reporters: \"Nobody "
    "crosses a cracked bridge on my watch.\" Commuters faced long detours as buses used the Kelling ferry road."
)
BRIDGE_LATER = (
    "ORLA, June 20. Repairs to the cracked piers of the Tavish bridge over the Morrow will cost 14 million crowns, "
    "Mayor Ilse Brandvold said on Friday, and the bridge will reopen in September. Brandvold said the city council "
    "approved the repair contract. The transport office said ferry services on the Kelling road would continue."
)
ORCHESTRA = (
    "The Halden Philharmonic opened its winter season with a new symphony by composer Ravi Otunde, whose third "
    "symphony drew a standing ovation in the concert hall. Conductor Mette Sorlie said the orchestra had rehearsed "
    "the score for six weeks. Tickets for the remaining concerts sold out within hours."
)
ORCHESTRA_2 = (
    "Composer Ravi Otunde's third symphony premiered in Halden to a standing ovation, with Mette Sorlie conducting "
    "the Halden Philharmonic. The winter season continues with two more concerts, both sold out."
)


def docs() -> list[StoryDoc]:
    """The fixture articles in arrival order."""
    return [
        StoryDoc("b1", BRIDGE_1, "Tavish bridge closed after cracks found in piers", "2021-03-03", "Orla Post"),
        StoryDoc("o1", ORCHESTRA, "Halden Philharmonic opens season with Otunde symphony", "2021-03-04", "Arts Daily"),
        StoryDoc("b2", BRIDGE_2, None, "2021-03-04", "Morrow Courier"),
        StoryDoc("o2", ORCHESTRA_2, "Otunde symphony premiere wins ovation", "2021-03-05", "Morrow Courier"),
        StoryDoc("h1", "", "Tavish bridge closed in Orla after inspectors find cracked piers", "2021-03-03",
                 "Headline Feed"),
        StoryDoc("b3", BRIDGE_LATER, "Tavish bridge repairs to cost 14 million crowns", "2021-06-20", "Orla Post"),
    ]
