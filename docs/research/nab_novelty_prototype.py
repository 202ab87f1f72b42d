"""NAB research prototype, session 3 (see NAB.md): the shipped ForecastDetector with the materiality guard, in
Python, plus the knobs that were tried and not kept (esc, drec). Its defaults are the shipped policy, and it
reproduces the C# detector's score. Not product code."""
import math, sys, os, csv, json, subprocess, datetime
NAB=os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', 'shared', 'nab')); DATA=NAB+'/data'
def files():
    for cat in sorted(os.listdir(DATA)):
        for f in sorted(os.listdir(os.path.join(DATA,cat))): yield cat+'/'+f
CACHE={}
def read(rel):
    if rel not in CACHE:
        rows=[]
        with open(os.path.join(DATA,rel)) as fh:
            r=csv.reader(fh); next(r)
            for row in r:
                t=datetime.datetime.strptime(row[0][:19],'%Y-%m-%d %H:%M:%S')
                rows.append((row[0], t.hour, t.weekday(), float(row[1]), t.timestamp()))
        CACHE[rel]=rows
    return CACHE[rel]
def cdf(z): return 0.5*math.erfc(-z/math.sqrt(2))
class Det:
    def __init__(s, **kw):
        P=dict(la=0.5, da=0.1, wa=0.3, ea=0.01, clip=2.0, maxs=50.0, shortN=5, longA=0.002, thr=0.9995,
               driftA=0.001, driftS=4.0, warm=300, ref=500, minrel=0.05,
               rng=0.05,  # novelty_margin: margin beyond the seen range, as a fraction of the larger |bound| (0 = off)
               rngz=3.0,  # novelty_min_surprise
               rngesc=1,  # novelty fires in the refractory period too...
               epi=1,     # ...but not within the excursion that started it
               esc=0.0,   # tried: in the refractory period, fire if the short-term z is esc x that of the last fire
               drec=0.0, drecK=1.0,  # tried: drift fires only past its own decayed maximum (drec = decay per point)
               )
        P.update(kw); s.__dict__.update(P)
        s.level=math.nan; s.day=[math.nan]*24; s.week=[math.nan]*168; s.err=[math.nan]*3
        s.recent=[]; s.sm=0.0; s.sv=1.0; s.dl=math.nan; s.dv=0.0; s.n=0; s.cool=0
        s.lastz=0.0; s.exc=False; s.dmax=0.0; s.lo=math.inf; s.hi=-math.inf
    def step(s, hod, dow, x):
        how=dow*24+hod  # weekday numbering differs from C# DayOfWeek but only as a key
        preds=(s.level, s.day[hod], s.week[how])
        best=-1
        for i in range(3):
            if math.isnan(preds[i]) or math.isnan(s.err[i]): continue
            if best<0 or s.err[i]<s.err[best]: best=i
        if best<0: z=0.0; exp=math.nan
        else: exp=preds[best]; z=abs(x-exp)/max(s.err[best],1e-9)
        z=min(z,s.maxs)
        for i in range(3):
            p=preds[i]
            if math.isnan(p): continue
            e=abs(x-p); t=s.err[i]
            if math.isnan(t): s.err[i]=e; continue
            if s.clip>0 and t>0: e=min(e,s.clip*t)
            s.err[i]=t+s.ea*(e-t)
        s.level = x if math.isnan(s.level) else s.level+s.la*(x-s.level)
        s.day[hod] = x if math.isnan(s.day[hod]) else s.day[hod]+s.da*(x-s.day[hod])
        s.week[how] = x if math.isnan(s.week[how]) else s.week[how]+s.wa*(x-s.week[how])
        s.recent.append(z)
        if len(s.recent)>s.shortN: s.recent.pop(0)
        dl=s.dl
        drift=0.0 if math.isnan(dl) else abs(x-dl)/math.sqrt(max(s.dv,1e-12))
        novel = drift>=s.drecK*s.dmax if s.drec>0 else True
        if s.drec>0 and s.n>s.warm: s.dmax=max(s.dmax*s.drec, drift)
        if math.isnan(dl): s.dl=x
        else:
            d=x-dl; s.dl+=s.driftA*d; s.dv=(1-s.driftA)*(s.dv+s.driftA*d*d)
        # range channel: is x a new extreme beyond the seen range by a margin?
        newext=False
        if s.rng>0 and s.n>s.warm and s.hi>s.lo:
            m=s.rng*max(abs(s.hi),abs(s.lo))  # session 5: a fraction of the series' magnitude (was: of its range)
            newext = (x>s.hi+m or x<s.lo-m) and z>=s.rngz
        s.lo=min(s.lo,x); s.hi=max(s.hi,x)
        if z<s.rngz: s.exc=False
        s.n+=1
        fire=0
        if s.n>s.warm:
            sd=math.sqrt(max(s.sv,1e-9)); zs=(sum(s.recent)/len(s.recent)-s.sm)/sd
            like=cdf(zs)
            cand=None
            if s.cool>0:
                s.cool-=1
                if s.esc>0 and zs>=s.esc*s.lastz and like>=s.thr: cand=exp
                elif s.rngesc and newext and not (s.epi and s.exc): cand=exp
            elif like>=s.thr: cand=exp
            elif s.driftS>0 and drift>=s.driftS and novel: cand=dl
            elif newext: cand=exp
            if cand is not None:
                base = x if math.isnan(cand) else cand
                if abs(x-base) >= s.minrel*abs(base):
                    fire=1; s.cool=s.ref; s.lastz=max(zs,1e-9); s.exc=True
        d=z-s.sm; s.sm+=s.longA*d; s.sv=(1-s.longA)*(s.sv+s.longA*d*d)
        return fire
def run(outdir, only=None, **kw):
    tot=0
    for rel in files():
        if only and not any(o in rel for o in only): continue
        det=Det(**kw); rows=read(rel)
        os.makedirs(os.path.join(outdir,os.path.dirname(rel)),exist_ok=True)
        with open(os.path.join(outdir,rel),'w') as fh:
            fh.write('timestamp,is_anomaly\n')
            for ts,h,dw,v,_ in rows:
                a=det.step(h,dw,v); tot+=a; fh.write(f'{ts},{a}\n')
    return tot
def score(outdir, perfile=False):
    cmd=['python3',NAB+'/nab_score.py',outdir,NAB+'/windows.json','--column','is_anomaly','--data-dir',DATA,'--profile','standard']
    if perfile: cmd.append('--per-file')
    return subprocess.run(cmd,capture_output=True,text=True).stdout
if __name__=='__main__':
    kw={}
    for a in sys.argv[1:]:
        if a=='-f': continue
        k,v=a.split('='); kw[k]=float(v) if ('.' in v or 'e' in v) else int(v)
    out=os.path.join(os.environ.get('TMPDIR','/tmp'),'nab-novelty-out'); import shutil; shutil.rmtree(out,ignore_errors=True)
    n=run(out,**kw); o=score(out,'-f' in sys.argv)
    lines=o.splitlines()
    print(kw, n, lines[1][:90], lines[2][40:100] if len(lines)>2 else '')
    if '-f' in sys.argv: print('\n'.join(lines[5:]))
