#!/usr/bin/env python3
"""Generates src/main/resources/catalog/products.json: the seeded manga/anime catalog.

Series metadata is real; prices, stock and volume blurbs are invented but deterministic
(fixed seed), so the catalog and every test that relies on it are reproducible.
Run: python3 tools/generate_catalog.py
"""
import json, random, datetime, pathlib

random.seed(20261124)

# title, author, publisher, genres, volumes to stock, synopsis
SERIES = [
    ("One Piece", "Eiichiro Oda", "VIZ Media", ["shonen", "adventure", "comedy"], 12,
     "Monkey D. Luffy, a rubber-bodied boy, sets out to sea with his pirate crew to find the legendary treasure and become King of the Pirates."),
    ("Naruto", "Masashi Kishimoto", "VIZ Media", ["shonen", "action", "ninja"], 10,
     "Naruto Uzumaki, an outcast ninja carrying a sealed nine-tailed fox, trains to earn respect and become Hokage of his village."),
    ("Demon Slayer: Kimetsu no Yaiba", "Koyoharu Gotouge", "VIZ Media", ["shonen", "action", "dark fantasy"], 10,
     "After demons slaughter his family, Tanjiro Kamado joins the Demon Slayer Corps to cure his sister Nezuko, who was turned into a demon."),
    ("Jujutsu Kaisen", "Gege Akutami", "VIZ Media", ["shonen", "action", "supernatural"], 10,
     "High schooler Yuji Itadori swallows a cursed finger and becomes host to a powerful curse, joining sorcerers who exorcise malevolent spirits."),
    ("My Hero Academia", "Kohei Horikoshi", "VIZ Media", ["shonen", "superhero", "action"], 10,
     "In a world where most people have superpowers called quirks, powerless Izuku Midoriya inherits a hero's power and enrolls in a hero academy."),
    ("Attack on Titan", "Hajime Isayama", "Kodansha", ["shonen", "dark fantasy", "action"], 10,
     "Humanity lives behind giant walls to escape man-eating Titans; when the wall is breached, Eren Yeager vows to wipe them out."),
    ("Chainsaw Man", "Tatsuki Fujimoto", "VIZ Media", ["shonen", "horror", "action"], 8,
     "Debt-ridden Denji merges with his chainsaw devil dog Pochita and is recruited as a devil hunter by a mysterious government agency."),
    ("Spy x Family", "Tatsuya Endo", "VIZ Media", ["shonen", "comedy", "spy"], 8,
     "A master spy must build a fake family for a mission, unaware that his adopted daughter is a telepath and his wife is an assassin."),
    ("Fullmetal Alchemist", "Hiromu Arakawa", "VIZ Media", ["shonen", "fantasy", "adventure"], 9,
     "Brothers Edward and Alphonse Elric search for the Philosopher's Stone after a forbidden alchemy ritual costs them their bodies."),
    ("Death Note", "Tsugumi Ohba", "VIZ Media", ["shonen", "thriller", "psychological"], 7,
     "A genius student finds a notebook that kills anyone whose name is written in it and duels a brilliant detective known only as L."),
    ("Berserk", "Kentaro Miura", "Dark Horse", ["seinen", "dark fantasy", "action"], 8,
     "Guts, a lone mercenary with a massive sword, wages a brutal war against demonic apostles after a betrayal by his former commander."),
    ("Vagabond", "Takehiko Inoue", "VIZ Media", ["seinen", "historical", "samurai"], 6,
     "A fictionalized life of the swordsman Miyamoto Musashi as he wanders feudal Japan seeking to become invincible under the heavens."),
    ("Vinland Saga", "Makoto Yukimura", "Kodansha", ["seinen", "historical", "vikings"], 7,
     "Young Thorfinn follows the Viking warband of the man who killed his father, seeking revenge in eleventh-century Europe."),
    ("Frieren: Beyond Journey's End", "Kanehito Yamada", "VIZ Media", ["shonen", "fantasy", "slice of life"], 9,
     "After the hero's party defeats the demon king, the long-lived elf mage Frieren travels again to understand the humans she outlived."),
    ("Dandadan", "Yukinobu Tatsu", "VIZ Media", ["shonen", "supernatural", "comedy"], 7,
     "A girl who believes in ghosts and a boy who believes in aliens dare each other into encounters with both, and get far more than they bargained for."),
    ("Blue Lock", "Muneyuki Kaneshiro", "Kodansha", ["shonen", "sports", "soccer"], 8,
     "Three hundred high school strikers compete in a ruthless training facility to forge Japan's most egotistic striker for the World Cup."),
    ("Haikyu!!", "Haruichi Furudate", "VIZ Media", ["shonen", "sports", "volleyball"], 8,
     "Short but determined Shoyo Hinata joins his high school volleyball team and forms an unlikely quick-attack duo with setter Kageyama."),
    ("Slam Dunk", "Takehiko Inoue", "VIZ Media", ["shonen", "sports", "basketball"], 6,
     "Delinquent Hanamichi Sakuragi joins his school's basketball team to impress a girl and discovers a real talent for the game."),
    ("Sailor Moon", "Naoko Takeuchi", "Kodansha", ["shojo", "magical girl", "romance"], 6,
     "Schoolgirl Usagi Tsukino transforms into Sailor Moon and gathers the Sailor Guardians to protect Earth and find the Moon Princess."),
    ("Fruits Basket", "Natsuki Takaya", "Yen Press", ["shojo", "romance", "drama"], 6,
     "Orphaned Tohru Honda moves in with the Soma family and learns their secret: they turn into zodiac animals when hugged by the opposite sex."),
    ("Ouran High School Host Club", "Bisco Hatori", "VIZ Media", ["shojo", "romantic comedy"], 5,
     "Scholarship student Haruhi breaks an expensive vase and must repay the debt by working for her elite school's host club."),
    ("Nana", "Ai Yazawa", "VIZ Media", ["josei", "romance", "music"], 5,
     "Two young women both named Nana meet on a train to Tokyo and become roommates, one chasing love and one chasing punk rock stardom."),
    ("Yotsuba&!", "Kiyohiko Azuma", "Yen Press", ["slice of life", "comedy", "all ages"], 6,
     "Energetic five-year-old Yotsuba discovers the everyday wonders of her new neighborhood with her adoptive father and the neighbors."),
    ("Witch Hat Atelier", "Kamome Shirahama", "Kodansha", ["fantasy", "magic", "seinen"], 6,
     "Coco, a girl who always dreamed of magic, becomes a witch's apprentice after discovering that spells are drawn with ink."),
    ("Chi's Sweet Home", "Konami Kanata", "Vertical", ["kodomo", "comedy", "cats", "all ages"], 5,
     "A lost kitten named Chi is taken in by a young family who must hide her in their pet-free apartment building."),
    ("Pokemon Adventures", "Hidenori Kusaka", "VIZ Media", ["kodomo", "adventure", "all ages"], 6,
     "Young trainers Red, Blue and Green travel the Kanto region catching Pokemon and battling Team Rocket."),
    ("Dragon Ball", "Akira Toriyama", "VIZ Media", ["shonen", "martial arts", "adventure"], 8,
     "Monkey-tailed Goku meets Bulma and searches for the seven Dragon Balls, growing into the strongest martial artist on Earth."),
    ("Akira", "Katsuhiro Otomo", "Kodansha", ["seinen", "cyberpunk", "science fiction"], 6,
     "In post-apocalyptic Neo-Tokyo, biker gang leader Kaneda tries to save his friend Tetsuo, who develops catastrophic psychic powers."),
    ("Ghost in the Shell", "Masamune Shirow", "Kodansha", ["seinen", "cyberpunk", "science fiction"], 3,
     "Cyborg Major Motoko Kusanagi leads a public-security unit hunting hackers who can break into human minds."),
    ("Mob Psycho 100", "ONE", "Dark Horse", ["shonen", "supernatural", "comedy"], 6,
     "Shy middle schooler Mob has overwhelming psychic powers he keeps in check, while working for a fraudulent spirit medium."),
    ("One-Punch Man", "ONE", "VIZ Media", ["seinen", "superhero", "comedy"], 8,
     "Saitama trained until he can defeat any enemy with a single punch, and now struggles with boredom and the bureaucracy of the Hero Association."),
    ("Tokyo Ghoul", "Sui Ishida", "VIZ Media", ["seinen", "horror", "dark fantasy"], 7,
     "College student Ken Kaneki becomes a half-ghoul after an organ transplant and must survive among flesh-eating ghouls in Tokyo."),
    ("Hunter x Hunter", "Yoshihiro Togashi", "VIZ Media", ["shonen", "adventure", "action"], 8,
     "Gon Freecss takes the dangerous Hunter Exam to become a Hunter like the father who left him, befriending the assassin Killua."),
    ("Bleach", "Tite Kubo", "VIZ Media", ["shonen", "supernatural", "action"], 8,
     "Teenager Ichigo Kurosaki gains the powers of a Soul Reaper and must defend the living from evil spirits called Hollows."),
    ("Kaguya-sama: Love Is War", "Aka Akasaka", "VIZ Media", ["seinen", "romantic comedy"], 7,
     "Two genius student council leaders are in love but too proud to confess, so each schemes to make the other confess first."),
    ("The Apothecary Diaries", "Natsu Hyuuga", "Square Enix Manga", ["mystery", "historical", "drama"], 7,
     "Maomao, a pharmacist's daughter sold to the imperial palace as a servant, solves poisonings and mysteries in the emperor's rear palace."),
    ("Solo Leveling", "Chugong", "Yen Press", ["action", "fantasy", "manhwa"], 7,
     "The weakest hunter Sung Jinwoo gains a mysterious system that lets him level up without limit after surviving a deadly double dungeon."),
    ("Oshi no Ko", "Aka Akasaka", "Yen Press", ["seinen", "drama", "idol"], 6,
     "A doctor is reborn as the child of his favorite idol and is drawn into the dark side of the entertainment industry."),
    ("Made in Abyss", "Akihito Tsukushi", "Seven Seas", ["seinen", "adventure", "dark fantasy"], 6,
     "Orphan Riko descends into a vast, deadly chasm with a robot boy named Reg to find her mother, a legendary cave raider."),
    ("The Promised Neverland", "Kaiu Shirai", "VIZ Media", ["shonen", "thriller", "mystery"], 6,
     "Children at an idyllic orphanage discover they are being raised as food for demons and plan a daring escape."),
    ("Sakamoto Days", "Yuto Suzuki", "VIZ Media", ["shonen", "action", "comedy"], 7,
     "A retired legendary hitman now runs a convenience store with his family, but his old world keeps sending assassins to his door."),
    ("Kaiju No. 8", "Naoya Matsumoto", "VIZ Media", ["shonen", "action", "kaiju"], 6,
     "Monster-corpse cleaner Kafka Hibino gains the power to turn into a kaiju and joins the Defense Force he once dreamed of."),
]

ANIME = [  # series title (must match SERIES), release title, format, price
    ("Demon Slayer: Kimetsu no Yaiba", "Demon Slayer Season 1 Blu-ray Box Set", "blu-ray", 64.99),
    ("Jujutsu Kaisen", "Jujutsu Kaisen 0 The Movie Blu-ray", "blu-ray", 29.99),
    ("Attack on Titan", "Attack on Titan The Final Season Complete Blu-ray", "blu-ray", 79.99),
    ("Spy x Family", "Spy x Family Season 1 Part 1 Blu-ray", "blu-ray", 44.99),
    ("Frieren: Beyond Journey's End", "Frieren Season 1 Part 1 Blu-ray", "blu-ray", 49.99),
    ("Akira", "Akira 4K Remaster Blu-ray", "blu-ray", 34.99),
    ("Ghost in the Shell", "Ghost in the Shell 1995 Movie 4K Blu-ray", "blu-ray", 29.99),
    ("Fullmetal Alchemist", "Fullmetal Alchemist: Brotherhood Complete Series Blu-ray", "blu-ray", 119.99),
    ("Haikyu!!", "Haikyu!! Season 1 Blu-ray", "blu-ray", 54.99),
    ("Mob Psycho 100", "Mob Psycho 100 Season 1 Blu-ray", "blu-ray", 39.99),
    ("Chainsaw Man", "Chainsaw Man Season 1 Blu-ray Box Set", "blu-ray", 69.99),
    ("Made in Abyss", "Made in Abyss Season 1 Blu-ray", "blu-ray", 49.99),
    ("One Piece", "One Piece Film Red Blu-ray", "blu-ray", 24.99),
    ("My Hero Academia", "My Hero Academia Season 1 Blu-ray", "blu-ray", 39.99),
    ("Sailor Moon", "Sailor Moon Season 1 Part 1 Blu-ray", "blu-ray", 49.99),
]

ARTBOOKS = [
    ("One Piece", "One Piece Color Walk Compendium: East Blue to Skypeia", "artbook", 49.99),
    ("Demon Slayer: Kimetsu no Yaiba", "Demon Slayer Official Fanbook", "artbook", 24.99),
    ("Attack on Titan", "Attack on Titan Anime Guidebook", "artbook", 19.99),
    ("Chainsaw Man", "Chainsaw Man Art Book", "artbook", 34.99),
    ("Witch Hat Atelier", "Witch Hat Atelier Sketchbook", "artbook", 29.99),
    ("Sailor Moon", "Sailor Moon Eternal Edition Art Collection", "artbook", 39.99),
]

VOLUME_BLURBS = [
    "The story begins: meet the cast and the world that sets everything in motion.",
    "New allies join as the first real challenge tests everyone's resolve.",
    "A rival appears and the stakes rise sharply.",
    "Secrets from the past surface and change the mission.",
    "A hard-fought battle ends the first major arc.",
    "A new journey starts with unexpected companions.",
    "Training pays off when an old enemy returns.",
    "Betrayal splits the group apart.",
    "The group reunites for a desperate plan.",
    "A shocking revelation about the main character's origins.",
    "A tournament arc brings fan-favorite duels.",
    "The arc's climax leaves everyone changed.",
]

def sku(prefix, n):
    return f"{prefix}-{n:04d}"

def release_date(base_year, vol):
    d = datetime.date(base_year, 1, 15) + datetime.timedelta(days=91 * (vol - 1))
    return d.isoformat()

products = []
n = 0
for title, author, publisher, genres, vols, synopsis in SERIES:
    base_year = random.randint(2003, 2021)
    for vol in range(1, vols + 1):
        n += 1
        fmt = random.choice(["paperback"] * 5 + ["hardcover"])
        price = round(random.choice([9.99, 10.99, 11.99, 12.99, 13.99]) + (8.0 if fmt == "hardcover" else 0), 2)
        stock = random.choice([0, 2, 5, 8, 12, 20, 35, 50, 80])
        products.append({
            "sku": sku("MNG", n), "series": title, "volume": vol,
            "title": f"{title}, Vol. {vol}", "author": author, "publisher": publisher,
            "genres": genres, "format": fmt, "price": price, "stock": stock,
            "releaseDate": release_date(base_year, vol),
            "description": f"{synopsis} Volume {vol}: {VOLUME_BLURBS[(vol - 1) % len(VOLUME_BLURBS)]}",
        })
    # the next volume is up for preorder: a future release date and no stock yet
    n += 1
    nxt = vols + 1
    products.append({
        "sku": sku("MNG", n), "series": title, "volume": nxt,
        "title": f"{title}, Vol. {nxt}", "author": author, "publisher": publisher,
        "genres": genres, "format": "paperback", "price": 12.99, "stock": 0,
        "releaseDate": (datetime.date(2027, 1, 1) + datetime.timedelta(days=random.randint(10, 200))).isoformat(),
        "description": f"{synopsis} Volume {nxt} (upcoming release, available for preorder).",
    })
    # omnibus / box set of the first volumes
    if vols >= 6:
        n += 1
        products.append({
            "sku": sku("BOX", n), "series": title, "volume": None,
            "title": f"{title} Box Set (Vols. 1-{min(vols, 6)})", "author": author, "publisher": publisher,
            "genres": genres, "format": "box set", "price": round(9.5 * min(vols, 6) + 4.99, 2),
            "stock": random.choice([0, 3, 6, 10, 15]),
            "releaseDate": release_date(base_year + 2, 1),
            "description": f"{synopsis} Collects volumes 1 to {min(vols, 6)} in a slipcase with a bonus poster.",
        })

series_meta = {s[0]: s for s in SERIES}
for series, title, fmt, price in ANIME + ARTBOOKS:
    n += 1
    _, author, publisher, genres, _, synopsis = series_meta[series]
    studio_pub = "Aniplex" if fmt == "blu-ray" else publisher
    products.append({
        "sku": sku("ANM" if fmt == "blu-ray" else "ART", n), "series": series, "volume": None,
        "title": title, "author": author, "publisher": studio_pub,
        "genres": genres + (["anime"] if fmt == "blu-ray" else ["art"]), "format": fmt,
        "price": price, "stock": random.choice([0, 4, 9, 15, 30]),
        "releaseDate": datetime.date(random.randint(2015, 2025), random.randint(1, 12), 1).isoformat(),
        "description": (f"The anime adaptation on {fmt}: {synopsis}" if fmt == "blu-ray"
                        else f"Full-color illustrations, character sketches and creator interviews. {synopsis}"),
    })

out = pathlib.Path(__file__).resolve().parent.parent / "src/main/resources/catalog/products.json"
out.write_text(json.dumps(products, indent=1, ensure_ascii=False) + "\n")
print(f"{len(products)} products -> {out}")
