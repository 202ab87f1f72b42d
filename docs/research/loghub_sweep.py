import subprocess, itertools, os, re, json, sys
A='/work/wt-logs/src/AiOps.Cli/bin/Release/net10.0/aiops.dll'
D='/work/shared/loghub/data'
grid=json.loads(sys.argv[1])
keys=list(grid)
res={}
for vals in itertools.product(*grid.values()):
    env=dict(os.environ); cfg=dict(zip(keys,vals))
    for k,v in cfg.items(): env['TM_'+k]=str(v)
    out='/tmp/lh/out_'+'_'.join(f'{k}{v}' for k,v in cfg.items())
    subprocess.run(['dotnet',A,'templates','--input',D,'--output',out],env=env,check=True,capture_output=True)
    s=subprocess.run(['python3','/work/shared/loghub/score_templates.py',out,D],capture_output=True,text=True).stdout
    ga={m.group(1):float(m.group(2)) for m in re.finditer(r'^(\w+)\s+GA=([\d.]+)',s,re.M) if m.group(1)!='mean'}
    res[tuple(vals)]=ga
names=sorted(next(iter(res.values())))
for c,ga in sorted(res.items(), key=lambda x:-sum(x[1].values())):
    print(dict(zip(keys,c)), f"mean={sum(ga.values())/len(ga):.3f}", ' '.join(f"{n[:4]}={ga[n]:.2f}" for n in names))
loo=[]
for d in names:
    best=max(res, key=lambda c: sum(res[c][n] for n in names if n!=d))
    loo.append(res[best][d]); print(f"LOO hold {d}: chose {dict(zip(keys,best))} -> {res[best][d]:.3f}")
print(f"LOO mean={sum(loo)/len(loo):.3f}")
