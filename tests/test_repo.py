"""The repository's promises about itself: CI runs the README's test command, and no
article text of ../shared is copied into the repository."""

import re
import subprocess

from conftest import ROOT, SHARED, needs_shared


def test_ci_runs_exactly_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"```sh\n(.+?)\n```", readme)
    assert len(commands) >= 2
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert ci == commands[1]


@needs_shared
def test_no_article_text_from_shared_is_in_the_repository():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    texts = [(ROOT / f).read_text(encoding="utf-8", errors="ignore") for f in tracked
             if (ROOT / f).suffix in (".py", ".md", ".txt", ".jsonl", ".tsv", ".ttl", ".rq", ".json")]
    for article in sorted((SHARED / "corpus").glob("*/*.txt")):
        for line in article.read_text(encoding="utf-8").splitlines():
            if len(line) >= 90:
                probe = line[20:80]
                assert not any(probe in text for text in texts), f"text of {article.name} is in the repo"
