"""In-process NAB scoring and leave-one-category-out (LOCO) harness for the metric detector research
(NAB.md, "Session 5"). Scores with the shared scorer's own functions, without writing result files. Not product code."""
import itertools, json, os, sys
import nab_novelty_prototype as proto
sys.path.insert(0, proto.NAB)
import nab_score as ns
W = json.load(open(proto.NAB + '/windows.json'))
COST = ns.PROFILES['standard']
CATS = sorted({k.split('/')[0] for k in W})
_TS = {}
def _prep(rel):
    if rel not in _TS:
        rows = proto.read(rel)
        ts = [ns.parse_ts(r[0]) for r in rows]
        wins = [(ns.parse_ts(a), ns.parse_ts(b)) for a, b in W[rel]]
        _TS[rel] = (ts, wins)
    return _TS[rel]
def file_raw(rel, det):
    """Raw NAB score of one file for a 0/1 decision list; also the detection indices."""
    ts, wins = _prep(rel)
    pts = ns.calc_sweep_score(ts, det, wins, rel, COST, ns.PROBATIONARY_PERCENT)
    rows = ns.calc_score_by_threshold(pts, COST['fnWeight'])
    return ns.row_at_threshold(rows, 1.0)[1]
def evaluate(make, files=None):
    """make(rel) -> object with step(row) -> 0/1. Returns {rel: raw}."""
    out = {}
    for rel in (files or sorted(W)):
        d = make(rel)
        dec = [d.step(r) for r in proto.read(rel)]
        out[rel] = file_raw(rel, [float(x) for x in dec])
    return out
def norm(raw, keys):
    w = sum(len(W[k]) for k in keys)
    return 100.0 * (sum(raw[k] for k in keys) + w) / (2 * w)
def summary(raw):
    s = {'all': norm(raw, list(W))}
    for c in CATS:
        s[c] = norm(raw, [k for k in W if k.startswith(c)])
        s['x' + c] = norm(raw, [k for k in W if not k.startswith(c)])
    return s
def loco(results):
    """results: list of (settings, summary). For each held-out category, the setting best on the other two."""
    folds = []
    for c in CATS:
        best = max(results, key=lambda r: r[1]['x' + c])
        folds.append((c, best[0], best[1][c], max(r[1][c] for r in results)))
    return folds, sum(f[2] for f in folds) / len(folds)
