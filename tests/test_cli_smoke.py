import json
import subprocess
import sys

from igtui.cli.main import main


def test_outline_json_lists_the_five_seeds(capsys):
    assert main(["outline", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["id"] for d in data["documents"]] == [
        "000_3f5ce4a327935987", "001_7137f4fcfcc9b98e", "002_f9fea4f180dac7ee",
        "003_f77969016e879c89", "004_b229d3c86cdf8a71",
    ]


def test_python_dash_m_runs():
    out = subprocess.run(
        [sys.executable, "-m", "igtui", "outline", "--json"], capture_output=True, text=True,
        check=True,
    )
    assert json.loads(out.stdout)["documents"]


def test_missing_path_is_a_one_line_error(capsys):
    assert main(["outline", "/no/such/folder"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such file" in err
