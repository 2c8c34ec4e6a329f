import csv, datetime
pat = {}
with open('/tmp/syn1m/patients.csv') as f:
    for r in csv.DictReader(f):
        pat[r['patient_id']] = r
out = open('cox1m.csv', 'w')
out.write('time,event,age10,female,iv,homeless,bup,ntx\n')
with open('/tmp/syn1m/episodes.csv') as f:
    for r in csv.DictReader(f):
        p = pat[r['patient_id']]
        d = (datetime.date.fromisoformat(r['end']) - datetime.date.fromisoformat(r['start'])).days + 1
        out.write(f"{d},{1 if r['end_reason']=='dropout' else 0},{(int(p['age'])-40)/10},{1 if p['sex']=='female' else 0},{1 if p['iv_use']=='yes' else 0},{1 if p['homeless']=='yes' else 0},{1 if p['medication']=='buprenorphine' else 0},{1 if p['medication']=='naltrexone' else 0}\n")
