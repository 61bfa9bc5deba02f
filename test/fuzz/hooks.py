"""
Schemathesis hooks of the fuzz suite (test/api.fuzz.test.ts): half of the generated ids are swapped for ids
that exist (cases, sessions, events, files, badges), so the fuzzer reaches the handlers, the workflows and
PostgreSQL instead of stopping at "404 unknown id". The ids come from the JSON file named by SPRFP_FUZZ_IDS,
written by the suite after it seeded its world: {"caseId": [...], "sessionId": [...], ...}.
"""
import json
import os

import schemathesis
from hypothesis import strategies as st

with open(os.environ["SPRFP_FUZZ_IDS"], encoding="utf-8") as f:
    KNOWN: dict = json.load(f)


def _mix(values: dict) -> st.SearchStrategy:
    """Each value named in KNOWN is kept as generated or replaced by a known one."""
    if not isinstance(values, dict):
        return st.just(values)
    names = [k for k in values if KNOWN.get(k)]
    if not names:
        return st.just(values)
    return st.fixed_dictionaries({k: st.one_of(st.just(values[k]), st.sampled_from(KNOWN[k])) for k in names}).map(
        lambda chosen: {**values, **chosen})


@schemathesis.hook
def flatmap_path_parameters(context, path_parameters):
    return _mix(path_parameters)


@schemathesis.hook
def flatmap_query(context, query):
    return _mix(query)


@schemathesis.hook
def flatmap_body(context, body):
    return _mix(body)
