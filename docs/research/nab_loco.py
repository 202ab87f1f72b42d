"""Leave-one-category-out check of the novelty design (NAB.md, session 3). Not product code."""
import nab_novelty_prototype as proto2, json, os, shutil, subprocess, itertools, re, sys
TMP=os.environ.get('TMPDIR','/tmp')
W=json.load(open(proto2.NAB+'/windows.json'))
cats=sorted({k.split('/')[0] for k in W})
for c in cats:
    json.dump({k:v for k,v in W.items() if k.startswith(c)}, open(f'{TMP}/w_{c}.json','w'))
    json.dump({k:v for k,v in W.items() if not k.startswith(c)}, open(f'{TMP}/wx_{c}.json','w'))
def sc(out, wfile):
    o=subprocess.run(['python3',proto2.NAB+'/nab_score.py',out,wfile,'--column','is_anomaly','--profile','standard'],capture_output=True,text=True).stdout
    return float(re.search(r'score=\s*(-?[\d.]+)',o).group(1))
base=dict(esc=0, rngesc=1)
grid=dict(rng=[0.0,0.01,0.03,0.05,0.1], ref=[300,500,700], thr=[0.999,0.9995])
res=[]
for vals in itertools.product(*grid.values()):
    kw=dict(base); kw.update(dict(zip(grid.keys(),vals)))
    out=TMP+'/loco-out'; shutil.rmtree(out,ignore_errors=True); proto2.run(out,**kw)
    r={'kw':kw,'all':sc(out,proto2.NAB+'/windows.json')}
    for c in cats: r[c]=sc(out,f'{TMP}/w_{c}.json'); r['x'+c]=sc(out,f'{TMP}/wx_{c}.json')
    res.append(r); print(r, flush=True)
json.dump(res,open(TMP+'/loco.json','w'))
for c in cats:
    best=max(res,key=lambda r:r['x'+c])
    print('held out',c,': best on others',best['kw'],'others',best['x'+c],'held-out score',best[c], 'max possible held-out',max(r[c] for r in res))
