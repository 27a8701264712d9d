"""The CLI prints the same answers as the API."""

import json


def test_assess_command_matches_api(runner, client, tmp_path):
    case = {
        "age": 55,
        "sex": "female",
        "findings": {"lateral_hip_pain": "present", "pain_lying_on_side": "present"},
    }
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case))
    result = runner.invoke(args=["assess", str(path)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == client.post("/api/v1/assess", json=case).get_json()


def test_assess_command_reports_bad_input(runner, tmp_path):
    path = tmp_path / "case.json"
    path.write_text(json.dumps({"findings": {"limpp": "present"}}))
    result = runner.invoke(args=["assess", str(path)])
    assert result.exit_code == 1
    assert "unknown_finding" in result.output and "limp" in result.output


def test_assess_command_unreadable_file(runner, tmp_path):
    result = runner.invoke(args=["assess", str(tmp_path / "missing.json")])
    assert result.exit_code != 0
    assert "missing.json" in result.output


def test_check_knowledge_ok(runner):
    result = runner.invoke(args=["check-knowledge"])
    assert result.exit_code == 0, result.output
    assert "knowledge ok" in result.output
