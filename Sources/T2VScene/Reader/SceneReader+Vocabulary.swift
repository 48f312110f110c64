// The word tables of the scene reader (everything except nouns and colours). A phrase of several
// words is written with single spaces; the reader matches the longest phrase first.

extension SceneReader {
    /// The largest count the reader gives one subject: "two dozen birds", "a hundred stars" and
    /// "many fish" all stop at 12, so a frame never fills with more copies than it can draw.
    public static let maxCount = 12

    /// Every verb form, by motion. `.idle` lists the verbs that hold a subject still ("sits").
    static let motionWords: [(Motion, [String])] = [
        (.walk, [
            "walk", "walks", "walking", "walked", "stroll", "strolls", "strolling", "strolled", "wander", "wanders",
            "wandering", "wandered", "march", "marches", "marching", "marched", "stride", "strides", "striding",
            "strode", "hike", "hikes", "hiking", "hiked", "trot", "trots", "trotting", "trotted", "amble", "ambles",
            "ambling", "ambled", "tiptoe", "tiptoes", "tiptoeing", "tiptoed", "step", "steps", "stepping", "stepped",
            "pace", "paces", "pacing", "paced", "waddle", "waddles", "waddling", "waddled", "crawl", "crawls",
            "crawling", "crawled",
        ]),
        (.run, [
            "run", "runs", "running", "ran", "dash", "dashes", "dashing", "dashed", "race", "races", "racing", "raced",
            "sprint", "sprints", "sprinting", "sprinted", "jog", "jogs", "jogging", "jogged", "gallop", "gallops",
            "galloping", "galloped", "rush", "rushes", "rushing", "rushed", "hurry", "hurries", "hurrying", "hurried",
            "chase", "chases", "chasing", "chased", "charge", "charges", "charging", "charged", "flee", "flees",
            "fleeing", "fled", "zoom", "zooms", "zooming", "zoomed", "scurry", "scurries", "scurrying", "scurried",
            "scamper", "scampers", "scampering", "scampered",
        ]),
        (.fly, [
            "fly", "flies", "flying", "flew", "flown", "soar", "soars", "soaring", "soared", "glide", "glides",
            "gliding", "glided", "flap", "flaps", "flapping", "flapped", "flutter", "flutters", "fluttering",
            "fluttered", "swoop", "swoops", "swooping", "swooped",
        ]),
        (.swim, [
            "swim", "swims", "swimming", "swam", "swum", "dive", "dives", "diving", "dived", "dove", "paddle",
            "paddles", "paddling", "paddled",
        ]),
        (.drive, [
            "drive", "drives", "driving", "drove", "driven", "ride", "rides", "riding", "rode", "ridden", "roll",
            "rolls", "rolling", "rolled", "cruise", "cruises", "cruising", "cruised", "sail", "sails", "sailing",
            "sailed", "travel", "travels", "travelling", "traveling", "travelled", "traveled", "pedal", "pedals",
            "pedalling", "pedaling", "pedaled", "pedalled", "steer", "steers", "steering", "steered",
        ]),
        (.jump, [
            "jump", "jumps", "jumping", "jumped", "leap", "leaps", "leaping", "leapt", "leaped", "hop", "hops",
            "hopping", "hopped", "skip", "skips", "skipping", "skipped",
        ]),
        (.fall, [
            "fall", "falls", "falling", "fell", "fallen", "drop", "drops", "dropping", "dropped", "tumble", "tumbles",
            "tumbling", "tumbled", "sink", "sinks", "sinking", "sank", "sunk", "descend", "descends", "descending",
            "descended", "plunge", "plunges", "plunging", "plunged", "plummet", "plummets", "plummeting", "plummeted",
        ]),
        (.rise, [
            "rise", "rises", "rising", "rose", "risen", "climb", "climbs", "climbing", "climbed", "ascend", "ascends",
            "ascending", "ascended", "lift", "lifts", "lifting", "lifted", "launch", "launches", "launching",
            "launched",
        ]),
        (.float, [
            "float", "floats", "floating", "floated", "hover", "hovers", "hovering", "hovered", "bob", "bobs",
            "bobbing", "bobbed", "levitate", "levitates", "levitating", "levitated",
        ]),
        (.spin, [
            "spin", "spins", "spinning", "spun", "twirl", "twirls", "twirling", "twirled", "rotate", "rotates",
            "rotating", "rotated", "whirl", "whirls", "whirling", "whirled", "swirl", "swirls", "swirling", "swirled",
            "dance", "dances", "dancing", "danced", "pirouette", "pirouettes", "pirouetting", "pirouetted",
        ]),
        (.bounce, ["bounce", "bounces", "bouncing", "bounced", "wobble", "wobbles", "wobbling", "wobbled"]),
        (.grow, [
            "grow", "grows", "growing", "grew", "grown", "bloom", "blooms", "blooming", "bloomed", "blossom",
            "blossoms", "blossoming", "blossomed", "expand", "expands", "expanding", "expanded", "sprout", "sprouts",
            "sprouting", "sprouted", "swell", "swells", "swelling", "swelled",
        ]),
        (.shrink, [
            "shrink", "shrinks", "shrinking", "shrank", "shrunk", "wither", "withers", "withering", "withered",
            "dwindle", "dwindles", "dwindling", "dwindled",
        ]),
        (.drift, ["drift", "drifts", "drifting", "drifted", "sway", "sways", "swaying", "swayed"]),
        (.idle, [
            "sit", "sits", "sitting", "sat", "stand", "stands", "standing", "stood", "sleep", "sleeps", "sleeping",
            "slept", "rest", "rests", "resting", "rested", "lie", "lies", "lying", "lay", "wait", "waits", "waiting",
            "waited", "perch", "perches", "perching", "perched", "watch", "watches", "watching", "watched", "look",
            "looks", "looking", "looked", "graze", "grazes", "grazing", "grazed", "play", "plays", "playing",
            "played", "eat", "eats", "eating", "ate", "sing", "sings", "singing", "sang", "read", "reads", "reading",
            "smile", "smiles", "smiling", "smiled", "stay", "stays", "staying", "stayed", "relax", "relaxes",
            "relaxing", "relaxed", "nap", "naps", "napping", "napped", "glow", "glows", "glowing", "glowed", "shine",
            "shines", "shining", "shone", "twinkle", "twinkles", "twinkling", "twinkled", "sparkle", "sparkles",
            "sparkling", "sparkled", "wave", "waves", "waving", "waved",
        ]),
    ]

    static let directionWords: [(Direction, [String])] = [
        (.left, [
            "left", "leftward", "leftwards", "to the left", "towards the left", "toward the left",
            "from right to left", "right to left", "from the right", "west", "westward", "westwards",
        ]),
        (.right, [
            "right", "rightward", "rightwards", "to the right", "towards the right", "toward the right",
            "from left to right", "left to right", "from the left", "east", "eastward", "eastwards",
        ]),
        (.up, ["up", "upward", "upwards", "skyward", "skywards", "aloft", "into the sky", "into the air"]),
        (.down, ["down", "downward", "downwards", "to the ground", "downhill"]),
        (.towards, [
            "towards the camera", "toward the camera", "towards the viewer", "toward the viewer", "towards us",
            "toward us", "towards me", "toward me", "towards you", "toward you", "at the camera", "closer",
            "nearer", "approaching", "approaches", "approach", "forward", "forwards",
        ]),
        (.away, [
            "away", "away from the camera", "away from us", "away from the viewer", "into the distance",
            "receding", "recedes", "backward", "backwards",
        ]),
        (.across, [
            "across", "across the screen", "across the frame", "cross", "crosses", "crossing", "crossed",
        ]),
        (.around, [
            "around", "round", "in circles", "in a circle", "round and round", "circling", "circles", "orbiting",
            "orbits",
        ]),
    ]

    static let speedWords: [(Speed, [String])] = [
        (.slow, [
            "slowly", "slow", "gently", "gentle", "lazily", "lazy", "leisurely", "calmly", "softly", "gradually",
            "sluggishly", "unhurriedly", "in slow motion", "slow motion",
        ]),
        (.fast, [
            "fast", "quickly", "quick", "rapidly", "rapid", "swiftly", "swift", "speedily", "speedy", "hastily",
            "briskly", "hurriedly", "furiously", "at full speed", "at high speed", "at top speed",
        ]),
    ]

    static let sizeWords: [(SubjectSize, [String])] = [
        (.tiny, ["tiny", "teeny", "miniature", "mini", "minuscule", "itsy bitsy"]),
        (.small, ["small", "little", "petite", "smaller"]),
        (.medium, ["medium", "medium sized", "average sized"]),
        (.large, ["big", "large", "tall", "great", "bigger", "larger"]),
        (.huge, [
            "huge", "giant", "enormous", "gigantic", "massive", "colossal", "immense", "towering", "vast",
            "mammoth", "humongous",
        ]),
    ]

    /// Settings named strongly (a place): the first one named wins.
    static let settingWords: [(Setting, [String])] = [
        (.forest, ["forest", "forests", "woods", "woodland", "woodlands", "jungle", "rainforest", "grove"]),
        (.ocean, [
            "ocean", "oceans", "sea", "seas", "open sea", "high seas", "harbor", "harbour", "port", "open water", "waves",
        ]),
        (.beach, [
            "beach", "beaches", "shore", "seashore", "coast", "coastline", "seaside", "sand", "sandy beach", "bay",
            "cove", "island",
        ]),
        (.lake, [
            "lake", "lakes", "pond", "ponds", "river", "rivers", "stream", "creek", "waterfall", "canal",
            "riverbank", "lagoon", "marsh", "swamp",
        ]),
        (.cityStreet, [
            "city", "cities", "street", "streets", "city street", "downtown", "avenue", "road", "highway", "alley",
            "boulevard", "metropolis", "skyline", "sidewalk", "intersection", "traffic", "parking lot",
        ]),
        (.village, ["village", "villages", "town", "hamlet", "town square", "market", "marketplace"]),
        (.desert, ["desert", "deserts", "dunes", "sand dunes", "sahara", "oasis", "canyon", "wasteland"]),
        (.mountains, [
            "mountain", "mountains", "hill", "hills", "hillside", "peak", "peaks", "valley", "cliff", "cliffs",
            "summit", "alps", "ridge", "volcano",
        ]),
        (.field, [
            "field", "fields", "meadow", "meadows", "farm", "grass", "grassland", "park", "garden", "prairie",
            "countryside", "lawn", "pasture", "farmland", "orchard",
        ]),
        (.snow, [
            "arctic", "antarctic", "antarctica", "tundra", "glacier", "north pole", "south pole", "snowfield",
            "ski slope", "winter landscape", "winter wonderland",
        ]),
        (.space, [
            "space", "outer space", "galaxy", "galaxies", "cosmos", "universe", "nebula", "orbit", "deep space",
        ]),
        (.room, [
            "room", "kitchen", "bedroom", "living room", "bathroom", "office", "classroom", "indoors", "hallway",
            "hall", "library", "attic", "basement", "studio", "restaurant",
        ]),
        (.underwater, [
            "underwater", "under the sea", "under water", "under the ocean", "under the waves", "beneath the waves",
            "beneath the sea", "beneath the ocean", "bottom of the sea", "bottom of the ocean", "sea floor",
            "seafloor", "seabed", "ocean floor", "reef", "coral reef", "deep sea", "aquarium",
        ]),
    ]

    /// Settings named weakly (a backdrop rather than a place): used only when no strong one is named.
    /// "snow" itself is read by context, see `SceneReader+Parser.swift`.
    static let weakSettingWords: [(Setting, [String])] = [
        (.sky, ["sky", "skies", "air", "midair", "mid air", "heavens"]),
        (.snow, ["winter", "wintry", "ice", "icy", "frozen", "snowdrift", "snowdrifts"]),
    ]

    static let timeWords: [(TimeOfDay, [String])] = [
        (.dawn, ["dawn", "sunrise", "daybreak", "first light", "break of day"]),
        (.morning, ["morning", "mornings", "early morning", "breakfast"]),
        (.noon, ["noon", "midday", "afternoon", "daytime", "daylight", "broad daylight", "middle of the day"]),
        (.sunset, ["sunset", "sundown", "evening", "golden hour", "sunsets"]),
        (.dusk, ["dusk", "twilight", "nightfall", "blue hour", "gloaming"]),
        (.night, [
            "night", "nights", "nighttime", "midnight", "moonlight", "moonlit", "starlight", "starlit", "starry",
            "tonight", "nocturnal",
        ]),
    ]

    /// Weather words that name the weather itself ("rain", "fog"); a motion verb right after one of
    /// them ("snow falls", "fog rolls in") belongs to the weather, not to a subject.
    static let weatherNouns: [(Weather, [String])] = [
        (.clouds, []),
        (.rain, ["rain", "rainfall", "drizzle", "downpour", "showers", "raindrops", "rainstorm", "monsoon"]),
        (.snow, ["snowfall", "snowflakes", "snowflake", "blizzard", "sleet", "flurries", "snowstorm"]),
        (.fog, ["fog", "mist", "mists", "haze", "smog", "fogbank"]),
        (.storm, [
            "storm", "storms", "thunderstorm", "thunder", "lightning", "hurricane", "tempest", "typhoon", "tornado",
            "hail",
        ]),
        (.wind, ["wind", "winds", "breeze", "gust", "gusts", "gale"]),
    ]

    /// Weather adjectives and participles ("rainy", "snowing").
    static let weatherAdjectives: [(Weather, [String])] = [
        (.clear, ["clear", "sunny", "sunshine", "sunlight", "cloudless", "blue sky", "clear sky", "fair"]),
        (.clouds, ["cloudy", "overcast", "grey sky", "gray sky"]),
        (.rain, ["rains", "rainy", "raining", "drizzling", "pouring"]),
        (.snow, ["snowing", "snows"]),
        (.fog, ["foggy", "misty", "hazy"]),
        (.storm, ["stormy", "thundering"]),
        (.wind, ["windy", "breezy", "gusty", "windswept", "blustery"]),
    ]

    /// Mood words. "dark" alone (not before a colour or a noun) is a weak "gloomy".
    static let moodWords: [(Mood, [String])] = [
        (.happy, [
            "happy", "joyful", "cheerful", "joyous", "playful", "merry", "gleeful", "delighted", "fun", "festive",
            "lively", "jolly", "celebration", "celebrating", "excited", "happily", "joyfully", "cheerfully",
        ]),
        (.calm, [
            "calm", "peaceful", "serene", "tranquil", "quiet", "relaxing", "still", "idyllic", "soothing",
            "placid", "restful", "peacefully", "quietly",
        ]),
        (.sad, [
            "sad", "melancholy", "melancholic", "lonely", "sorrowful", "somber", "sombre", "mournful", "crying",
            "weeping", "tearful", "forlorn", "lonesome", "unhappy", "heartbroken", "sadly",
        ]),
        (.gloomy, ["gloomy", "dreary", "bleak", "grim", "dismal", "desolate", "murky", "gloom"]),
        (.mysterious, [
            "mysterious", "mystical", "eerie", "strange", "enigmatic", "uncanny", "secret", "cryptic", "arcane",
            "otherworldly", "mystery",
        ]),
        (.dramatic, [
            "dramatic", "epic", "intense", "cinematic", "majestic", "heroic", "grand", "powerful", "thrilling",
            "breathtaking", "spectacular", "fierce",
        ]),
        (.dreamy, [
            "dreamy", "dreamlike", "magical", "whimsical", "surreal", "fantasy", "enchanted", "ethereal",
            "fairytale", "fairy tale", "wondrous", "mythical", "fantastical", "psychedelic", "dream", "magic",
        ]),
        (.scary, [
            "scary", "spooky", "creepy", "frightening", "terrifying", "horror", "haunted", "sinister", "ominous",
            "menacing", "ghostly", "nightmare", "nightmarish", "dreadful", "frightful",
        ]),
        (.romantic, ["romantic", "love", "loving", "tender", "lovers", "romance", "intimate", "passionate"]),
    ]

    /// Number words: the count of the noun they precede (capped at `maxCount`).
    static let numberWords: [(Int, [String])] = [
        (0, ["zero"]), (1, ["one", "single", "lone", "solitary"]), (2, ["two", "both"]), (3, ["three"]),
        (4, ["four"]), (5, ["five"]), (6, ["six"]), (7, ["seven"]), (8, ["eight"]), (9, ["nine"]), (10, ["ten"]),
        (11, ["eleven"]), (12, ["twelve"]), (13, ["thirteen"]), (14, ["fourteen"]), (15, ["fifteen"]),
        (16, ["sixteen"]), (17, ["seventeen"]), (18, ["eighteen"]), (19, ["nineteen"]), (20, ["twenty"]),
        (30, ["thirty"]), (40, ["forty"]), (50, ["fifty"]), (60, ["sixty"]), (70, ["seventy"]), (80, ["eighty"]),
        (90, ["ninety"]),
    ]

    /// Words that multiply the count before them ("two dozen" = 24, then capped).
    static let multiplierWords: [(Int, [String])] = [(12, ["dozen"]), (100, ["hundred"]), (1000, ["thousand"])]

    /// Quantity phrases without an exact number.
    static let quantityWords: [(Int, [String])] = [
        (2, ["a pair of", "pair of"]),
        (3, ["a few", "few", "a handful of", "handful of"]),
        (4, ["several"]),
        (8, [
            "many", "lots of", "a lot of", "plenty of", "numerous", "countless", "dozens of", "dozens",
            "hundreds of", "hundreds", "thousands of", "thousands", "millions of", "a multitude of", "loads of",
            "crowds of",
        ]),
    ]

    /// Collective nouns: "a flock of birds" (count 6); alone, some stand for their usual members
    /// ("a flock" = 6 birds, "a crowd" = 8 people, "a couple" = 2 people).
    static let collectiveWords: [(word: String, count: Int, standalone: String?)] = [
        ("flock", 6, "bird"), ("herd", 6, "cow"), ("swarm", 6, "bee"), ("school", 6, nil), ("shoal", 6, "fish"),
        ("pack", 6, "wolf"), ("fleet", 6, "ship"), ("pod", 6, "dolphin"), ("colony", 6, "ant"), ("troop", 6, "monkey"),
        ("army", 8, "soldier"), ("gaggle", 6, "goose"), ("crowd", 8, "person"), ("group", 4, "person"),
        ("family", 4, "person"), ("team", 4, "person"), ("couple", 2, "person"), ("bunch", 4, nil),
        ("bouquet", 6, "flower"), ("band", 4, "musician"),
    ]

    /// Words that make the next noun singular ("a", "the", "each").
    static let articleWords = ["a", "an", "the", "this", "that", "each", "every", "another"]
    static let possessiveWords = ["his", "her", "their", "my", "your", "our", "its", "whose"]
    /// Words that end a clause: verbs, directions and speeds after them attach to new subjects.
    static let boundaryWords = [
        "while", "whilst", "whereas", "but", "then", "meanwhile", "as", "although", "though", "when", "whenever",
        "until", "and then", "at the same time",
    ]
    static let conjunctionWords = ["and", "or", "nor", "plus", "as well as"]
    static let negationWords = ["no", "not", "without", "never", "none", "nobody", "nothing", "neither"]
    /// "is red", "are big": a colour or size after one of these describes the subject before it.
    static let linkWords = [
        "is", "are", "was", "were", "be", "been", "being", "seems", "seem", "becomes", "become", "painted",
        "colored", "coloured", "all",
    ]
    /// A noun after one of these moves with the subjects before it ("a man walks with his dog").
    static let withWords = ["with", "alongside", "together with", "followed by", "accompanied by", "after"]
    static let prepositionWords = [
        "in", "on", "at", "over", "under", "above", "below", "beneath", "underneath", "by", "near", "beside",
        "behind", "through", "into", "onto", "along", "past", "between", "among", "amid", "amidst", "within",
        "toward", "towards", "from", "to", "of", "for", "off", "out", "upon", "beyond", "outside", "against",
        "atop", "next to", "in front of", "on top of", "across from", "throughout",
    ]
    /// "inside", "interior": a room; "inside a house" and "house interior" name the room, not a house.
    static let insideWords = ["inside", "interior", "indoor"]
    /// "the sun sets", "a setting sun": sunset when no time is named.
    static let sunsetVerbWords = ["set", "sets", "setting", "goes down", "going down"]
    /// Function words: known, carry nothing.
    static let stopWords = [
        "there", "here", "it", "they", "he", "she", "we", "i", "me", "you", "him", "them", "us", "who", "which",
        "what", "where", "very", "so", "too", "just", "also", "really", "quite", "slightly", "some", "only", "these",
        "those", "can", "will", "would", "could", "should", "may", "might", "must", "do", "does", "did", "has",
        "have", "had", "having", "s", "t", "d", "ll", "re", "ve", "m", "don", "doesn", "isn", "aren", "wasn",
        "weren", "won", "cannot", "scene", "image", "picture", "video", "shot", "view", "photo", "frame",
        "background", "foreground", "camera", "distance", "screen", "viewer", "ground", "landscape", "scenery",
        "nature", "world", "way", "other", "same", "together", "again", "once", "always", "about", "like", "than",
        "more", "most", "much", "lot", "high", "low", "far", "back", "before", "home", "water", "its", "own",
        "full", "new", "any", "if", "because", "now", "today", "gets", "get", "goes", "go", "going", "comes",
        "come", "coming", "almost", "lit", "day", "days",
    ]
}
