#!/usr/bin/env python3
"""gen_chatter.py POOL SEED N: everyday group-chat messages, no claims at all.

saring's own negatives for `make eval`: what an RT, KIM or family WhatsApp
group is mostly made of (greetings, condolences, meeting times, thanks,
questions, religious phrases, food, weather), in Indonesian and in the
regional languages such groups use (Javanese, Sundanese, Betawi, Minang),
short and long, with names, places, times and emoji.

POOL is "dev", "held" or "fresh": disjoint sets of templates written
separately. Thresholds and data/everyday.txt were tuned against "dev";
"held" was looked at once after that (so it is no longer held out: its
failures led to a longer data/everyday.txt); "fresh" was written after
that, before any run, and is only ever reported.
Deterministic for a given seed. Prints JSON Lines in the shape of the
shared queries ({"id","text","expect":[],"expect_label":"none","kind"}).
"""
import json, random, sys

NAMES = ["Bu Sri", "Pak Joko", "Mas Bayu", "Mbak Rina", "Bu Hajjah Siti", "Pak RT", "Pak RW",
         "Bu Lurah", "Kang Asep", "Teh Euis", "Uda Rizal", "Bang Madun", "Dek Salsa", "Om Hendra",
         "Tante Lina", "Pak Ustadz Hasan", "Bu Ketut", "Mas Agus", "Mbak Dewi", "Pak Slamet",
         "Bu Yanti", "Kak Nisa", "Pakde Harno", "Bude Tum", "Cak Mat", "Neng Ayu", "Pak Darto"]
PLACES = ["balai warga", "masjid Al-Ikhlas", "pos ronda", "rumah Pak RT", "musholla", "lapangan",
          "kantor kelurahan", "aula kecamatan", "gereja", "rumah Bu Sri", "warung Bu Yanti",
          "pendopo", "SD Negeri 3", "posyandu Melati", "Puskesmas", "pasar Minggu", "alun-alun"]
TIMES = ["jam 7 pagi", "jam 8", "pukul 09.00", "jam 10.30", "ba'da ashar", "ba'da maghrib",
         "ba'da isya", "jam 4 sore", "pukul 19.30 WIB", "habis subuh", "jam 1 siang", "nanti malam"]
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu", "besok", "lusa",
        "minggu depan", "hari ini", "nanti sore"]
EMOJI = ["🙏", "🙏🙏", "😊", "😂😂", "👍", "❤️", "🤲", "😢", "🎉", "🥰", "👌", "😁", "🌧️", "☕", ""]
FOOD = ["nasi kotak", "gorengan", "snack", "tumpeng", "bakso", "soto", "kue", "es teh", "kopi",
        "rujak", "lontong", "opor"]

# Each pool: templates with {name} {place} {time} {day} {emoji} {food} {n} slots.
POOLS = {
"dev": [
    "Selamat pagi semua {emoji}",
    "Selamat pagi bapak ibu, semoga sehat selalu {emoji}",
    "Assalamualaikum warahmatullahi wabarakatuh",
    "Waalaikumsalam {emoji}",
    "Selamat hari raya idul fitri, mohon maaf lahir dan batin {emoji}",
    "Minal aidin wal faizin, mohon maaf lahir batin ya semua",
    "Semoga lekas sembuh ya {name}, kami doakan dari sini {emoji}",
    "Inna lillahi wa inna ilaihi raji'un, turut berduka cita atas meninggalnya ibunda {name}. Semoga husnul khotimah {emoji}",
    "Jangan lupa {day} bawa payung, katanya hujan {emoji}",
    "Rapat RT {day} {time} di {place}, mohon kehadirannya {emoji}",
    "Terima kasih {name} {emoji}",
    "Makasih banyak ya {name}, {food}nya enak banget {emoji}",
    "Siap {name} {emoji}",
    "Oke siap, nanti saya kabari lagi",
    "Ada yang lihat kunci motor saya? ketinggalan di {place} kayaknya",
    "Iuran kebersihan bulan ini Rp{n}.000 ya bapak ibu, bisa dititipkan ke {name}",
    "Kerja bakti {day} {time}, kumpul di {place}. Bawa cangkul dan sapu ya",
    "Posyandu {day} {time} di {place}, balita jangan lupa dibawa {emoji}",
    "{name} sudah sampai rumah?",
    "Hati-hati di jalan {name} {emoji}",
    "Selamat ulang tahun {name}, semoga panjang umur dan sehat selalu {emoji}",
    "Barakallah fii umrik {name} {emoji}",
    "Mohon doanya, {name} besok operasi di rumah sakit {emoji}",
    "Alhamdulillah, sudah lahir anak kedua {name}, laki-laki {emoji}",
    "Yang mau pesan {food} untuk arisan {day}, japri saya ya",
    "Arisan ibu-ibu {day} {time} di rumah {name} {emoji}",
    "Maaf baru balas, tadi lagi di jalan",
    "Wkwkwk {emoji}",
    "Aamiin ya rabbal alamin {emoji}",
    "Sama-sama {name}",
    "Lampu jalan depan {place} mati lagi, mohon dicek {name}",
    "Sampah belum diangkut dari kemarin, ada yang tahu kenapa?",
    "Pengajian rutin {day} {time} di {place}, tema kali ini sabar dan syukur",
    "Selamat menunaikan ibadah puasa Ramadhan, mohon maaf lahir dan batin {emoji}",
    "Selamat hari Natal bagi yang merayakan {emoji}",
    "Selamat tahun baru semua, semoga tahun ini lebih baik {emoji}",
    "Besok sekolah libur nggak ya? ada yang tahu?",
    "Anak-anak pulang jam berapa {day}?",
    "Yang kemarin pinjam tangga, tolong dikembalikan ya {emoji}",
    "Ronda malam ini giliran {name} dan {name2}",
    "Tolong kabari kalau ada yang mau ikut senam {day} {time} di {place}",
    "Ini foto kegiatan kerja bakti tadi pagi {emoji}",
    "Gimana kabarnya {name}? lama nggak ketemu",
    "Udah makan belum semua? {emoji}",
    "Hujan deras banget di sini, hati-hati yang mau keluar {emoji}",
    "Air PDAM mati dari pagi, sudah ada yang lapor?",
    "Mohon maaf {name}, saya tidak bisa hadir {day}, ada acara keluarga",
    "Selamat berbuka puasa semua {emoji}",
    "Nitip {food} ya kalau lewat pasar {emoji}",
    "Kumpul {time} ya, jangan telat {emoji}",
    # Javanese
    "Sugeng enjing sedaya {emoji}",
    "Matur nuwun sanget {name} {emoji}",
    "Nyuwun pangapunten, kula mboten saged rawuh {day}",
    "Monggo pinarak {name}",
    "Wis tekan omah durung {name}?",
    "Sesuk ana kerja bakti {time} neng {place}, aja lali ya",
    "Sugeng riyadi, sedaya lepat nyuwun pangapunten {emoji}",
    # Sundanese
    "Wilujeng enjing sadayana {emoji}",
    "Hatur nuhun pisan {name} {emoji}",
    "Punten, abdi teu tiasa sumping {day}",
    "Mangga atuh, ditunggu di {place} {time}",
    "Tos dugi ka bumi teu acan {name}?",
    # Betawi / Minang
    "Aye kagak bisa dateng {day}, ada urusan",
    "Lu udah makan belon? {emoji}",
    "Tarimo kasih banyak {name} {emoji}",
    "Ambo indak bisa datang {day}, maaf yo",
],
"held": [
    "Pagi semuanya, semangat beraktivitas {emoji}",
    "Met siang bapak ibu {emoji}",
    "Assalamualaikum, izin bertanya bapak ibu",
    "Taqabbalallahu minna wa minkum, shiyamana wa shiyamakum {emoji}",
    "Selamat Idul Adha bagi yang merayakan, semoga qurbannya diterima {emoji}",
    "Turut berduka cita yang sedalam-dalamnya atas berpulangnya ayahanda {name}, semoga diberi ketabahan {emoji}",
    "Get well soon {name}, cepat pulih ya {emoji}",
    "Jadwal piket kebersihan {day}: {name} dan {name2}",
    "Pertemuan karang taruna diundur ke {day} {time}, tempat tetap di {place}",
    "Nuhun pisan atas kirimannya, {food}nya sampai dengan selamat {emoji}",
    "Yang belum bayar kas bulan ini, bisa transfer ke bendahara {name} ya",
    "Ada yang punya nomor tukang servis AC? yang di sekitar {place}",
    "Motor siapa yang parkir di depan {place}? menghalangi jalan",
    "Nanti {time} jemput aku di {place} ya",
    "Kucing saya hilang, warna oranye, kalau lihat tolong kabari {emoji}",
    "Alhamdulillah acara tadi lancar, terima kasih semua yang sudah bantu {emoji}",
    "Mohon izin share foto acara pernikahan {name} kemarin {emoji}",
    "Undangan syukuran rumah baru {name}, {day} {time}, ditunggu kehadirannya",
    "Selamat atas kelulusannya {name}, sukses selalu {emoji}",
    "Siapa yang pegang kunci {place}? mau dipakai {time}",
    "Lomba tujuhbelasan {day}, anak-anak daftar ke {name} ya {emoji}",
    "Panitia 17 Agustus rapat {time} di {place}, semua pemuda diharapkan datang",
    "Hari ini panas sekali ya, jangan lupa minum air putih {emoji}",
    "Anak saya demam dari semalam, ada yang tahu dokter praktek dekat {place}?",
    "Yasinan malam Jumat di rumah {name} {time} {emoji}",
    "Tahlilan hari ketujuh almarhum di rumah duka {time}",
    "Semoga amal ibadah almarhumah diterima di sisi-Nya {emoji}",
    "Sudah transfer ya {name}, cek dulu {emoji}",
    "Ok noted {emoji}",
    "Mantap {emoji}",
    "Hahaha bisa aja {name} {emoji}",
    "Ikut senang dengarnya {emoji}",
    "Mohon maaf mengganggu waktunya, cuma mau mengingatkan besok ada vaksinasi kucing di {place}",
    "Jalan di gang tiga lagi diperbaiki, lewat jalan belakang dulu ya",
    "Listrik padam di blok C, sudah lapor PLN belum?",
    "Yang mau ikut jalan sehat {day} {time}, kumpul di {place}",
    "Good morning everyone {emoji}",
    "Thank you so much {name} {emoji}",
    "Happy birthday {name}, wish you all the best {emoji}",
    "Selamat Hari Raya Nyepi bagi umat Hindu {emoji}",
    "Gong Xi Fa Cai, selamat Imlek semuanya {emoji}",
    "Selamat Hari Waisak bagi yang merayakan {emoji}",
    "{name}, titip beli {food} {n} bungkus ya",
    "Berangkat jam berapa {name}? bareng ya",
    "Siap laksanakan {emoji}",
    "Jazakallah khairan {name} {emoji}",
    # Javanese
    "Sugeng sonten poro sederek {emoji}",
    "Nuwun sewu, badhe tanglet griyane {name} pundi nggih?",
    "Aku telat sithik yo, isih neng dalan {emoji}",
    "Mugi-mugi enggal dhangan {name} {emoji}",
    "Ndherek belasungkawa ingkang sedalem-dalemipun {emoji}",
    "Sesuk {time} kumpul neng {place} yo lur",
    # Sundanese
    "Wilujeng sonten, kumaha damang? {emoji}",
    "Kade hujan, ulah hilap mawa payung {emoji}",
    "Abdi tos dugi di {place}, antosan sakedap",
    "Mugia enggal damang {name} {emoji}",
    # Betawi / Minang / Bali
    "Ntar malem aye mampir ke rumah lu ye",
    "Baa kaba dunsanak sadonyo? {emoji}",
    "Suksma {name} {emoji}",
    "Om swastiastu, rahajeng semeng {emoji}",
],
"fresh": [
    "Selamat malam, mau tanya besok jadi kumpul nggak? {emoji}",
    "Teman-teman, {name} minta tolong dibantu angkat lemari {day} {time}",
    "Mohon maaf lahir batin, selamat Idul Fitri 1446 H untuk keluarga besar RT 04 {emoji}",
    "Semoga Allah memberikan kesembuhan untuk ibunda {name}, aamiin {emoji}",
    "Innalillahi, telah berpulang ke rahmatullah bapak dari {name} tadi pagi. Dimakamkan {time} di TPU setempat",
    "Pak RT, surat pengantar untuk KTP bisa diambil kapan ya?",
    "Reminder: bayar iuran sampah paling lambat tanggal 10 ya {emoji}",
    "Buat yang tanya, tukang sayur lewat sini {time} setiap hari",
    "Yang punya anak SD, besok bawa bekal dan baju olahraga ya",
    "Makasih ya sudah datang ke acara aqiqah anak kami {emoji}",
    "Hari ini {name} ulang tahun ke-60, doakan sehat terus ya {emoji}",
    "Mas, paketnya sudah saya terima, makasih {emoji}",
    "Siap, nanti sore saya antar {food}nya ke rumah {name}",
    "Ada yang mau nitip beli gas melon? saya mau ke pangkalan",
    "Sudah sampai mana {name}? kami sudah di {place}",
    "Wah seru banget acaranya kemarin, kapan-kapan diadakan lagi ya {emoji}",
    "Maaf grup, salah kirim {emoji}",
    "Tolong yang parkir mobil di depan gang dipindah, mobil ambulans susah lewat",
    "Pengumuman: pengajian ibu-ibu {day} diliburkan dulu",
    "Lomba masak nasi goreng antar RT, pendaftaran ke {name} sampai {day}",
    "Ikut berbahagia atas pernikahan {name}, semoga menjadi keluarga sakinah mawaddah warahmah {emoji}",
    "Alhamdulillah hujan, semoga adem {emoji}",
    "Mohon doa restu, anak kami {name} ujian skripsi {day} {emoji}",
    "Nanti malam nobar bola di {place}, bawa kopi sendiri ya {emoji}",
    "Lagi ada promo {food} di warung depan, murah banget",
    "Saya izin keluar grup dulu ya, HP mau diganti. Nanti dimasukkan lagi {emoji}",
    "Selamat datang di grup {name}, semoga betah {emoji}",
    "Yang kemarin ketinggalan payung di {place}, sudah saya simpan",
    "Senam lansia diundur ke {time}, karena lapangan dipakai",
    "Bagi yang mau donor darah, PMI datang {day} ke {place}",
    # Javanese
    "Sugeng dalu, mugi tansah pinaringan sehat {emoji}",
    "Kula aturi rawuh wonten pengajian {day} {time}",
    "Wis mangan durung? ayo ngopi neng {place} {emoji}",
    "Ngapunten telat, wau macet {emoji}",
    "Mbok menawa ana sing arep melu, kabari aku yo",
    # Sundanese
    "Punten bade naros, ari posyandu dinten naon?",
    "Hapunten teu tiasa sumping, nuju aya tamu",
    "Wilujeng tepang taun {name}, mugia panjang yuswa {emoji}",
    # Betawi / Minang / Bugis / Batak
    "Aye udeh nyampe, lu pade di mane?",
    "Lah, kok kagak ngajak-ngajak sih {emoji}",
    "Ondeh mandeh, hujan labek bana {emoji}",
    "Horas, selamat pagi amang inang {emoji}",
    "Mauliate godang {name} {emoji}",
    # English
    "Morning all, don't forget the meeting {day} {time}",
    "Thanks for the food, it was delicious {emoji}",
],
}

LONG_JOIN = ["\n", " ", "\n\n"]

def fill(t, rnd):
    names = rnd.sample(NAMES, 2)
    return t.format(name=names[0], name2=names[1], place=rnd.choice(PLACES), time=rnd.choice(TIMES),
                    day=rnd.choice(DAYS), emoji=rnd.choice(EMOJI), food=rnd.choice(FOOD),
                    n=rnd.choice([5, 10, 15, 20, 25, 50])).strip()

def main():
    pool, seed, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rnd = random.Random(seed)
    tmpl = POOLS[pool]
    for i in range(n):
        r = rnd.random()
        if r < 0.7:
            text, kind = fill(rnd.choice(tmpl), rnd), "short"
        else:   # a long message: two to four lines of chatter in one
            k = rnd.randint(2, 4)
            text = rnd.choice(LONG_JOIN).join(fill(rnd.choice(tmpl), rnd) for _ in range(k))
            kind = "long"
        if rnd.random() < 0.15:
            text = text.upper() if rnd.random() < 0.5 else text.lower()
        print(json.dumps({"id": f"chat-{pool}-{i:04d}", "text": text, "expect": [],
                          "expect_label": "none", "kind": kind}, ensure_ascii=False))

if __name__ == "__main__":
    main()
