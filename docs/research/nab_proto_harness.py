import csv, json, math, os, sys, subprocess, collections, bisect
# Research harness for the NAB prototype (not product code). Paths are relative to this repository.
NAB=os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', 'shared', 'nab'))
DATA=os.path.join(NAB, 'data')
def files():
    for cat in sorted(os.listdir(DATA)):
        for f in sorted(os.listdir(os.path.join(DATA,cat))):
            yield cat+'/'+f
def read(rel):
    with open(os.path.join(DATA,rel)) as fh:
        r=csv.reader(fh); next(r)
        return [(row[0], float(row[1])) for row in r]
def score(outdir):
    out=subprocess.run(['python3',os.path.join(NAB,'nab_score.py'),outdir,os.path.join(NAB,'windows.json'),'--column','is_anomaly','--data-dir',DATA,'--profile','standard'],capture_output=True,text=True).stdout
    return out
def run(detector_factory, outdir, **kw):
    total=0
    for rel in files():
        det=detector_factory(**kw)
        rows=read(rel)
        os.makedirs(os.path.join(outdir,os.path.dirname(rel)),exist_ok=True)
        with open(os.path.join(outdir,rel),'w') as fh:
            fh.write('timestamp,is_anomaly\n')
            for ts,v in rows:
                a=det.step(v)
                total+=a
                fh.write(f'{ts},{1 if a else 0}\n')
    return total
