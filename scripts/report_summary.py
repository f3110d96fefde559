"""Prints the five-line summary of a governance report's JSON (scripts/demo)."""

import collections
import json
import sys


def summary(report):
    header, overview = report["header"], report["overview"]
    attention = collections.Counter(finding["kind"] for finding in report["needs_attention"])
    verdicts = collections.Counter(series.get("variation") for series in report["trends"])
    states = collections.Counter(action["state"] for action in report["actions"])
    return [
        f"{header['title']} ({header['period']['start']} to {header['period']['end']}, as of {header['as_of']})",
        f"{overview['incidents']} incidents at {overview['services']} services; "
        f"{overview['actions_open']} actions open, {overview['actions_overdue']} overdue",
        "needs attention: " + (", ".join(f"{n} {kind}" for kind, n in attention.most_common()) or "nothing"),
        f"{len(report['trends'])} trend charts: "
        + ", ".join(f"{n} {verdict}" for verdict, n in verdicts.most_common()),
        f"effectiveness: {overview['evaluated_effective']} effective, "
        f"{overview['evaluated_not_effective']} not effective, {overview['evaluated_inconclusive']} inconclusive; "
        f"actions by state: " + ", ".join(f"{n} {state}" for state, n in sorted(states.items())),
    ]


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as handle:
        print("\n".join(summary(json.load(handle))))
