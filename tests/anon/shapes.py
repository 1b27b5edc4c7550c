#!/usr/bin/env python3
"""shapes.py OUT: a WhatsApp chat of 1,000 Indonesian phone-number and e-mail
shapes (deterministic: a fixed seed), each in a message of its own sent twice,
so that scan's summary and --html show every one of them as an excerpt; and
OUT.secrets: one line per message, "phone DIGITS CODE" or "email LOCALPART
CODE", what must not appear in any --anonymize output, and the word that
names the message in it."""
import random, sys

rnd = random.Random(18)
FW = {c: chr(0xFF10 + i) for i, c in enumerate('0123456789')}
FW.update({'-': '\uFF0D', '.': '\uFF0E', '+': '\uFF0B', '(': '\uFF08', ')': '\uFF09', ' ': '\u3000'})
SYL = 'ba bi bu ka ki ku la li lu ma mi mu na ni nu ra ri ru sa si su ta ti tu wa wi wu'.split()


def word():
    return ''.join(rnd.choice(SYL) for _ in range(4))


def digits(n):
    return ''.join(rnd.choice('0123456789') for _ in range(n))


def group(s, sizes, sep):
    out, i = [], 0
    for k in sizes:
        out.append(s[i:i + k])
        i += k
    if i < len(s):
        out.append(s[i:])
    return sep.join(x for x in out if x)


def mobile():
    sub = '8' + rnd.choice('1235789') + digits(rnd.choice([7, 8, 9]))  # 8xx..., 9-11 digits
    shapes = [
        lambda: '0' + sub,
        lambda: group('0' + sub, [4, 4], '-'),
        lambda: group('0' + sub, [4, 4], ' '),
        lambda: group('0' + sub, [4, 4], '.'),
        lambda: group('0' + sub, [4, 3, 3], '-'),
        lambda: group('0' + sub, [4, 4], ' - '),
        lambda: '+62' + sub,
        lambda: '+62 ' + group(sub, [3, 4], ' '),
        lambda: '+62-' + group(sub, [3, 4], '-'),
        lambda: '+62 (0)' + sub,
        lambda: '(+62) ' + group(sub, [3, 4], ' '),
        lambda: '62' + sub,
        lambda: '62 ' + group(sub, [3, 4], ' '),
        lambda: 'wa.me/62' + sub,
        lambda: 'https://wa.me/62' + sub + '?text=halo',
        lambda: 'api.whatsapp.com/send?phone=62' + sub,
        lambda: 'tel:+62' + sub,
        lambda: '@62' + sub,
        lambda: ' '.join('0' + sub),
        lambda: ''.join(FW[c] for c in '0' + sub),
        lambda: ''.join(FW[c] for c in group('0' + sub, [4, 4], '-')),
        lambda: ''.join(FW[c] for c in '+62 ' + group(sub, [3, 4], ' ')),
        lambda: group('0' + sub, [4, 4], '\u00a0'),
        lambda: group('0' + sub, [4, 4], '\u2013'),
    ]
    return '0' + sub, rnd.choice(shapes)()


def landline():
    area = rnd.choice(['21', '22', '24', '31', '61', '274', '341', '361', '411', '778'])
    local = digits(1).replace('0', '5') + digits(rnd.choice([5, 6, 7]) if len(area) == 3 else 6)
    shapes = [
        lambda: '(0%s) %s' % (area, group(local, [3], '-')),
        lambda: '(0%s) %s' % (area, local),
        lambda: '(0%s)%s' % (area, local),
        lambda: '0%s-%s' % (area, local),
        lambda: '0%s %s' % (area, group(local, [3], ' ')),
        lambda: '0%s.%s' % (area, group(local, [3], '.')),
        lambda: '+62 %s %s' % (area, local),
        lambda: '+62-%s-%s' % (area, group(local, [3], '-')),
        lambda: '(+62 %s) %s' % (area, local),
        lambda: ''.join(FW[c] for c in '(0%s) %s' % (area, group(local, [3], '-'))),
    ]
    return '0' + area + local, rnd.choice(shapes)()


def local_only():
    a, b = digits(1).replace('0', '7') + digits(2), digits(4)
    return a + b, rnd.choice(['%s-%s', '%s %s']) % (a, b)


NAMES = 'budi sari agus dewi joko rina hendra wulan bayu putri eko lestari'.split()
DOMAINS = ['gmail.com', 'yahoo.co.id', 'ymail.com', 'kominfo.go.id', 'ui.ac.id', 'desa-maju.id',
           'mail.sch.id', 'outlook.com', 'pemda.example.go.id']


def email():
    local = rnd.choice(['%s.%s%02d', '%s_%s%02d', '%s%s%02d', '%s.%s+grup%02d']) % (
        rnd.choice(NAMES), word(), rnd.randrange(100))
    dom = rnd.choice(DOMAINS)
    shapes = [
        lambda: '%s@%s' % (local, dom),
        lambda: '%s\uFF20%s' % (local, dom),
        lambda: '%s\uFE6B%s' % (local, dom),
        lambda: ('%s@%s' % (local, dom)).upper(),
        lambda: '%s @ %s' % (local, dom),
        lambda: 'mailto:%s@%s' % (local, dom),
        lambda: '<%s@%s>' % (local, dom),
        lambda: '(%s@%s).' % (local, dom),
        lambda: ''.join(chr(ord(c) + 0xFEE0) if c.isalnum() else c for c in local) + '@' + dom,
        lambda: '%s@%s' % (local, dom.replace('.', '\uFF0E')),
    ]
    return local.split('+')[0], rnd.choice(shapes)()


CARRIERS = ['tolong hubungi %s untuk info bantuan desa kode %s',
            'yang mau daftar kirim pesan ke %s ya bapak ibu kode %s',
            'info lowongan kerja silakan kontak %s secepatnya kode %s',
            '%s ini nomor panitia arisan warga kode %s']

TAIL = ' mohon disebarkan ke semua warga dan keluarga supaya tidak ada yang ketinggalan informasi penting ini ya'

out = sys.argv[1]
with open(out, 'w') as chat, open(out + '.secrets', 'w') as sec:
    for i in range(1000):
        kind = 'email' if i % 10 >= 7 else 'phone'
        if kind == 'email':
            secret, shape = email()
        else:
            secret, shape = rnd.choice([mobile, mobile, mobile, landline, local_only])()
        code = word() + str(i // 10).translate(str.maketrans('0123456789', 'abcdefghij'))
        # long enough to be a lead when forwarded (scan's summary wants 20 words), the code word early
        text = rnd.choice(CARRIERS) % (shape, code) + TAIL
        sec.write('%s %s %s\n' % (kind, secret, code))
        for copy in range(2):
            chat.write('%02d/11/2022 %02d.%02d - Warga %s: %s\n' % (
                1 + i // 100, 8 + copy, i % 60, word(), text))
