"""The optional learned filter: corpus reading, candidates, training, the model file and the CLI.

The corpus here is a tiny invented one in the PolNeAR layout, written to a temporary folder.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newstrace.analyze import corpus
from newstrace.analyze.candidates import candidate, complement
from newstrace.analyze.lexicon import lexicon
from newstrace.analyze.model import AttributionModel, load_model, model_from_json, save_model
from newstrace.analyze.nlp import parse
from newstrace.analyze.quotes import cue_positions, extract_quotes
from newstrace.analyze.spans import Draft
from newstrace.analyze.training import article_examples, fit, label, train_polnear
from newstrace.cli import main
from newstrace.errors import InputError

# (text, [(source, cue, content), ...]) — every phrase occurs once in its text.
ARTICLES = [
    ("The mayor imposed a curfew on the old town. Engineers repaired the bridge in March.",
     [("The mayor", "imposed", "a curfew on the old town")]),
    ("Senator Ruth Okafor said that the budget was too small. The river flooded the fields.",
     [("Senator Ruth Okafor", "said", "that the budget was too small")]),
    ("The union rejected the offer from the port. Trucks carried grain to the coast.",
     [("The union", "rejected", "the offer from the port")]),
    ("Governor Ilse Dorn imposed new limits on fishing. The ferry left the harbour at noon.",
     [("Governor Ilse Dorn", "imposed", "new limits on fishing")]),
    ("The council warned that the dam could fail. Children played in the square all day.",
     [("The council", "warned", "that the dam could fail")]),
    ("Farmers imposed a boycott on the market. Workers painted the school in June.",
     [("Farmers", "imposed", "a boycott on the market")]),
]


def _write_corpus(root: Path) -> Path:
    data = root / "polnear" / "data"
    (data / "train" / "text").mkdir(parents=True)
    (data / "train" / "attributions").mkdir(parents=True)
    rows = ["compartment\tfilename\tannotators"]
    for n, (text, attributions) in enumerate(ARTICLES):
        name = f"invented_{n:02d}"
        rows.append(f"train\t{name}\taaaa|bbbb")
        (data / "train" / "text" / f"{name}.txt").write_text(text, "utf-8")
        lines = []
        for k, (source, cue, content) in enumerate(attributions):
            ids = []
            for role, phrase in (("Source", source), ("Cue", cue), ("Content", content)):
                start = text.index(phrase)
                tid = f"T{3 * k + len(ids) + 1}"
                lines.append(f"{tid}\t{role} {start} {start + len(phrase)}\t{phrase}")
                ids.append(f"{role}:{tid}")
            lines.append(f"E{k + 1}\tAttribution:{ids[1].split(':')[1]} {' '.join(ids)}")
        (data / "train" / "attributions" / f"{name}_aaaa.ann").write_text("\n".join(lines) + "\n", "utf-8")
    (data / "metadata.tsv").write_text("\n".join(rows) + "\n", "utf-8")
    return root


@pytest.fixture(scope="module")
def corpus_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def trained(corpus_root: Path) -> AttributionModel:
    return train_polnear(corpus_root, processes=1, threshold=0.5, c=1.0)


def test_corpus_reading(corpus_root: Path) -> None:
    root = corpus.data_dir(corpus_root)
    assert root.name == "data"
    articles = corpus.load_split(root, "train")
    assert len(articles) == len(ARTICLES)
    first = articles[0]
    (attr,) = first.gold
    assert first.text[attr.cue[0][0] : attr.cue[0][1]] == "imposed"
    assert attr.kind == "indirect"


def test_corpus_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        corpus.data_dir(tmp_path)
    assert corpus.parse_ann("T1\tSource 0 x\tbad\nE1\tAttribution:T1 Source:T1\n") == [
        {"Source": [], "Cue": [], "Content": []}]


def test_wide_candidate_for_a_verb_outside_the_lexicon() -> None:
    text = "The mayor imposed a curfew on the old town."
    doc = parse(text)
    verb = next(t for t in doc if t.text == "imposed")
    assert complement(verb)[0] == "dobj"
    draft = candidate(text, verb, lexicon())
    assert draft is not None and draft.origin == "wide-dobj"
    assert text[draft.source[0] : draft.source[1]] == "The mayor"  # type: ignore[index]
    assert text[draft.content[0][0] : draft.content[0][1]].startswith("a curfew")


def test_cue_positions_rules_and_wide() -> None:
    doc = parse("The mayor said the curfew worked. The river flooded the fields.")
    rules = [doc[i].text for i in cue_positions(doc, lexicon())]
    wide = [doc[i].text for i in cue_positions(doc, lexicon(), wide=True)]
    assert rules == ["said"]
    assert {"said", "flooded", "curfew"} <= set(wide)


def test_label_needs_cue_and_content() -> None:
    gold = [corpus.Attr(((10, 30),), ((5, 9),), ((0, 4),))]
    assert label(Draft(content=[(10, 28)], cue=(5, 9)), gold) == 1
    assert label(Draft(content=[(10, 13)], cue=(5, 9)), gold) == 0
    assert label(Draft(content=[(10, 30)], cue=(40, 44)), gold) == 0
    assert label(Draft(content=[(10, 30)]), gold) == 0


def test_training_learns_the_corpus_cue(trained: AttributionModel) -> None:
    assert trained.weights["s=impos"] > 0 or trained.weights.get("w=imposed", 0) > 0
    text = "The regulator imposed a fine on the airline. Pilots flew the plane to the coast."
    plain = extract_quotes(text)
    learned = extract_quotes(text, model=trained)
    assert not any("a fine" in q.text for q in plain)
    found = next(q for q in learned if "a fine" in q.text)
    assert found.cue == "imposed" and found.speaker_mention == "The regulator"
    assert not any("the plane" in q.text for q in learned)


def test_examples_have_both_labels(corpus_root: Path) -> None:
    article = corpus.load_split(corpus.data_dir(corpus_root), "train")[0]
    examples = article_examples(article.text, parse(article.text), article.gold)
    assert {y for _, y in examples} == {0, 1}
    with pytest.raises(ValueError):
        fit([(["a"], 0), (["b"], 0)])


def test_model_file_round_trip(trained: AttributionModel, tmp_path: Path) -> None:
    path = tmp_path / "model.json"
    save_model(trained, path)
    again = load_model(path)
    assert again.weights == pytest.approx(dict(trained.weights))
    assert again.threshold == trained.threshold
    assert again.digest == trained.digest
    assert 0.0 < again.probability(["s=impos", "o=wide-dobj"]) < 1.0


@pytest.mark.parametrize("content", ["not json", "[1, 2]", '{"format": "other"}',
                                     '{"format": "newstrace-attribution-model", "features_version": 1}',
                                     '{"format": "newstrace-attribution-model", "features_version": 99}',
                                     '{"format": "newstrace-attribution-model", "features_version": 1, '
                                     '"weights": {"a": "x"}}'])
def test_bad_model_files_are_typed_errors(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, "utf-8")
    with pytest.raises(InputError):
        load_model(path)
    with pytest.raises(InputError):
        load_model(tmp_path / "missing.json")


def test_model_from_json_defaults() -> None:
    model = model_from_json({"format": "newstrace-attribution-model", "features_version": 1, "weights": {"a": 1}})
    assert model.threshold == 0.5 and model.bias == 0.0 and model.probability(["a"]) > 0.7


def test_cli_train_then_use(corpus_root: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "m.json"
    args = ["train-quotes", "--polnear", str(corpus_root), "--out", str(out), "--processes", "1", "--json"]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout[result.stdout.index("{"):])
    assert summary["articles"] == len(ARTICLES) and out.is_file()
    text_file = tmp_path / "a.txt"
    text_file.write_text("The regulator imposed a fine on the airline.\n", "utf-8")
    raw = runner.invoke(main, ["quotes", str(text_file), "--format", "jsonl", "--model", str(out)])
    assert raw.exit_code == 0, raw.output
    assert raw.stdout.strip()
    bad = runner.invoke(main, ["quotes", str(text_file), "--model", str(tmp_path / "missing.json")])
    assert bad.exit_code != 0 and "not-found" in bad.output


def test_cli_train_rejects_a_folder_without_corpus(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["train-quotes", "--polnear", str(tmp_path), "--out", str(tmp_path / "m.json")])
    assert result.exit_code != 0 and "metadata.tsv" in result.output


BAD_INPUTS = ["", "   \n\n", "\u201cUnbalanced \u201cmarks\u201d everywhere \u201c and \u201d\u201d \u201c",
              "Der Bürgermeister sagte, die Brücke werde im Mai eröffnet.", "!!! ??? ...",
              "no sentences just words " * 200]


@pytest.mark.parametrize("text", BAD_INPUTS)
def test_bad_input_with_a_model_gives_a_list(trained: AttributionModel, text: str) -> None:
    assert isinstance(extract_quotes(text, model=trained), list)
