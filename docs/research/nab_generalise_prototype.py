"""NAB research prototype, session 5 (NAB.md): the shipped design (nab_novelty_prototype.Det) plus the
self-scaling variants tried for generalisation. Defaults reproduce the shipped detector (session 5's novelty margin, nmode=1). Not product code."""
import math
from nab_novelty_prototype import cdf
class Det:
    def __init__(s, **kw):
        P=dict(la=0.5, da=0.1, wa=0.3, ea=0.01, clip=2.0, maxs=50.0, shortN=5, longA=0.002, thr=0.9995,
               driftA=0.001, driftS=4.0, warm=300, ref=500, minrel=0.05, rng=0.05, rngz=3.0,
               rearm=0,     # a channel that fired must fall below its own threshold before it can fire again
               refsec=0,    # refractory period in seconds (0: `ref` points)
               dsrc=0,      # drift judges: 0 the point, 1 the fast level, 2 the mean of the last short_points values
               dpers=0,     # drift must hold this many consecutive points
               drec=0.0,    # drift must also pass its own maximum, decayed by drec per point (0: off)
               nmode=1,     # novelty margin: 0 of the range (session 3), 1 of the larger |bound| (shipped), 2 each bound of its own |bound|
               mrange=0.0,  # materiality relative to the range seen so far instead of |baseline|
               )
        P.update(kw); s.__dict__.update(P)
        s.level=math.nan; s.day=[math.nan]*24; s.week=[math.nan]*168; s.err=[math.nan]*3
        s.recent=[]; s.sm=0.0; s.sv=1.0; s.dl=math.nan; s.dv=0.0; s.n=0; s.cool=0; s.until=-math.inf
        s.ch=None; s.dmax=0.0; s.rv=[]; s.dcount=0; s.exc=False; s.lo=math.inf; s.hi=-math.inf; s.armL=True; s.armD=True
    def step(s, row):
        _, hod, dow, x, t = row
        how=dow*24+hod
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
            e=abs(x-p); tt=s.err[i]
            if math.isnan(tt): s.err[i]=e; continue
            if s.clip>0 and tt>0: e=min(e,s.clip*tt)
            s.err[i]=tt+s.ea*(e-tt)
        s.level = x if math.isnan(s.level) else s.level+s.la*(x-s.level)
        s.day[hod] = x if math.isnan(s.day[hod]) else s.day[hod]+s.da*(x-s.day[hod])
        s.week[how] = x if math.isnan(s.week[how]) else s.week[how]+s.wa*(x-s.week[how])
        s.recent.append(z)
        if len(s.recent)>s.shortN: s.recent.pop(0)
        dl=s.dl
        s.rv.append(x)
        if len(s.rv)>s.shortN: s.rv.pop(0)
        dx = x if s.dsrc==0 else (s.level if s.dsrc==1 else sum(s.rv)/len(s.rv))
        drift=0.0 if math.isnan(dl) else abs(dx-dl)/math.sqrt(max(s.dv,1e-12))
        s.dcount = s.dcount+1 if drift>=s.driftS else 0
        if s.dpers and s.dcount<s.dpers: drift=0.0
        if s.drec>0:
            rec = drift>=s.dmax
            if s.n>s.warm: s.dmax=max(s.dmax*s.drec, drift)
            if not rec: drift=0.0
        if math.isnan(dl): s.dl=x
        else:
            d=x-dl; s.dl+=s.driftA*d; s.dv=(1-s.driftA)*(s.dv+s.driftA*d*d)
        newext=False
        lo,hi=s.lo,s.hi
        if s.rng>0 and s.n>s.warm and s.hi>s.lo:
            if s.nmode==0: mh=ml=s.rng*(s.hi-s.lo)
            elif s.nmode==1: mh=ml=s.rng*max(abs(s.hi),abs(s.lo))
            else: mh=s.rng*abs(s.hi); ml=s.rng*abs(s.lo)
            newext = (x>s.hi+mh or x<s.lo-ml) and z>=s.rngz
        s.lo=min(s.lo,x); s.hi=max(s.hi,x)
        if z<s.rngz: s.exc=False
        s.n+=1
        fire=0
        if s.n>s.warm:
            sd=math.sqrt(max(s.sv,1e-9)); zs=(sum(s.recent)/len(s.recent)-s.sm)/sd
            like=cdf(zs)
            if like<s.thr: s.armL=True
            if drift<s.driftS: s.armD=True
            cand=None; ch=None
            if s.refsec>0: refractory = t < s.until
            else:
                refractory = s.cool>0
                if s.cool>0: s.cool-=1
            if refractory:
                if newext and not s.exc: cand=exp; ch='n'
            elif like>=s.thr and (s.armL or not s.rearm): cand=exp; ch='l'
            elif s.driftS>0 and drift>=s.driftS and (s.armD or not s.rearm): cand=dl; ch='d'
            elif newext: cand=exp; ch='n'
            if cand is not None:
                base = x if math.isnan(cand) else cand
                scale = s.mrange*(hi-lo) if s.mrange>0 and hi>lo else s.minrel*abs(base)
                if abs(x-base) >= scale:
                    fire=1; s.ch=ch; s.cool=s.ref; s.until=t+s.refsec; s.exc=True
                    if ch=='l': s.armL=False
                    if ch=='d': s.armD=False
        d=z-s.sm; s.sm+=s.longA*d; s.sv=(1-s.longA)*(s.sv+s.longA*d*d)
        return fire
