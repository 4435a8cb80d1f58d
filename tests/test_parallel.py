"""--processes N: worker processes give exactly the one-process answer, in input order, and a
bad input is a Failure in its place."""

from __future__ import annotations

from newstrace import AnalyzeOptions, Failure, analyze_many

from .conftest import ROOT

ARTICLES = sorted(str(p) for p in (ROOT / "tests" / "data" / "articles").glob("*.txt"))
GOLD = sorted(str(p) for p in (ROOT / "tests" / "data" / "gold").glob("*.txt"))


def _run(paths, **kw):
    out = []
    for item in analyze_many(paths, AnalyzeOptions(**kw)):
        out.append(("failure", item.uri) if isinstance(item, Failure) else item.to_dict())
    return out


def test_two_processes_give_the_one_process_answer_in_order(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    paths = [*ARTICLES, str(empty), *GOLD, str(ROOT / "examples" / "venezuela-syndicated.txt")]
    one = _run(paths, batch_size=2)
    two = _run(paths, batch_size=2, n_process=2)
    assert len(one) == len(paths) and one == two
    assert [x for x in two if isinstance(x, tuple)] == [("failure", str(empty))]


def test_clean_stage_in_processes_streams_many_inputs(tmp_path):
    for i in range(30):
        (tmp_path / f"a{i:02}.txt").write_text(f"Story {i}\n\nThe council met on day {i} and voted.\n")
    one = _run([str(tmp_path)], stages="clean")
    two = _run([str(tmp_path)], stages="clean", n_process=2, batch_size=4)
    assert len(two) == 30 and one == two


def test_a_huge_json_lines_record_is_refused_without_reading_it_whole(tmp_path, monkeypatch):
    import json
    import resource

    monkeypatch.setenv("NEWSTRACE_MAX_INPUT_MB", "1")
    path = tmp_path / "records.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "a", "text": "The council met on Monday and voted."}) + "\n")
        fh.write('{"id": "huge", "text": "' + "x" * (60 << 20) + '"}\n')
        fh.write(json.dumps({"id": "c", "text": "The bridge reopened on Tuesday morning."}) + "\n")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out = list(analyze_many([str(path)], AnalyzeOptions(stages="clean")))
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert [isinstance(x, Failure) for x in out] == [False, True, False]
    assert out[1].code == "NT005" and out[1].uri.endswith("records.jsonl:2") and "60.0 MB" in out[1].message
    assert grown_mb < 40  # the 60 MB line was never held whole
