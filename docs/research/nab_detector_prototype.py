"""Streaming NAB detector prototype (research for issue 3; see NAB.md). Not product code."""
import math, sys, datetime
from nab_proto_harness import *
class Pred:
    """EWMA-of-absolute-error tracker for one predictor."""
    def __init__(s, a, clip): s.a=a; s.err=None; s.clip=clip
    def update(s, e):
        e=abs(e)
        if s.err is None: s.err=e; return
        if s.clip>0 and s.err>0: e=min(e, s.clip*s.err)
        s.err=(1-s.a)*s.err + s.a*e
class Det:
    def __init__(self, thr=0.999, refractory=300, warm=300, alpha=0.5, errA=0.01, longA=0.002, shortN=5, hourly=1, weekly=1, clip=2.0, zl=0.0, slowA=0.001, longN=0, thr2=0.9999):
        self.thr=thr; self.ref=refractory; self.warm=warm; self.alpha=alpha
        self.level=None
        self.day={}; self.week={}
        self.p=[Pred(errA,clip), Pred(errA,clip), Pred(errA,clip)]
        self.m=0.0; self.v=1.0; self.longA=longA
        self.short=[]; self.shortN=shortN
        self.cool=0; self.n=0; self.hourly=hourly; self.weekly=weekly
        self.zl=zl; self.slowA=slowA; self.sm_=None; self.sv=0.0; self.longN=longN; self.thr2=thr2; self.buf=[]
    def step(self, ts, x):
        self.n+=1
        t=datetime.datetime.strptime(ts, '%Y-%m-%d %H:%M:%S')
        hb=t.hour; wb=t.weekday()*24+t.hour
        preds=[self.level, self.day.get(hb) if self.hourly else None, self.week.get(wb) if self.weekly else None]
        # residual of the currently best predictor (smallest typical error), normalised by that error
        best=None
        for i,pr in enumerate(preds):
            if pr is None or self.p[i].err is None: continue
            if best is None or self.p[i].err < self.p[best].err: best=i
        z=0.0
        if best is not None:
            z=abs(x-preds[best])/max(self.p[best].err, 1e-9)
        for i,pr in enumerate(preds):
            if pr is not None: self.p[i].update(x-pr)
        # update predictors
        self.level = x if self.level is None else (1-self.alpha)*self.level + self.alpha*x
        for d,k,a in ((self.day,hb,0.1),(self.week,wb,0.3)):
            d[k] = x if k not in d else (1-a)*d[k]+a*x
        # likelihood of the short-term mean of raw scores under their long-run distribution
        r=min(z, 50.0)
        self.short.append(r); self.short=self.short[-self.shortN:]
        fire=0
        zlong=0.0
        if self.sm_ is None: self.sm_=x
        else: zlong=abs(x-self.sm_)/math.sqrt(max(self.sv,1e-12))
        dd=x-self.sm_; self.sm_+=self.slowA*dd; self.sv=(1-self.slowA)*(self.sv+self.slowA*dd*dd)
        if self.longN: self.buf.append(r); self.buf=self.buf[-self.longN:]
        if self.n>self.warm:
            sm=sum(self.short)/len(self.short)
            sd=math.sqrt(max(self.v,1e-9))
            like=0.5*math.erfc(-((sm-self.m)/sd)/math.sqrt(2))
            like2=0.0
            if self.longN:
                lm=sum(self.buf)/len(self.buf)
                like2=0.5*math.erfc(-((lm-self.m)/(sd/math.sqrt(len(self.buf))))/math.sqrt(2))
            if self.cool>0: self.cool-=1
            elif like>=self.thr or (self.zl>0 and zlong>=self.zl) or (self.longN and like2>=self.thr2): fire=1; self.cool=self.ref
        d=r-self.m; self.m+=self.longA*d; self.v=(1-self.longA)*(self.v+self.longA*d*d)
        return fire
def run2(outdir, **kw):
    total=0
    for rel in files():
        det=Det(**kw); rows=read(rel)
        os.makedirs(os.path.join(outdir,os.path.dirname(rel)),exist_ok=True)
        with open(os.path.join(outdir,rel),'w') as fh:
            fh.write('timestamp,is_anomaly\n')
            for ts,v in rows:
                a=det.step(ts,v); total+=a; fh.write(f'{ts},{a}\n')
    return total
if __name__=='__main__':
    args=dict(a.split('=') for a in sys.argv[1:])
    kw={k:(float(v) if '.' in v else int(v)) for k,v in args.items()}
    n=run2(os.path.join(os.environ.get('TMPDIR','/tmp'),'nab-prototype-out'),**kw)
    o=score(os.path.join(os.environ.get('TMPDIR','/tmp'),'nab-prototype-out')).splitlines(); print(kw, n, o[1], o[-1])
