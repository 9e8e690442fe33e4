"""Stories: events, storylines, dated timelines and summaries built over the store's articles."""
