// Subject nouns of the scene reader, by family. Each entry is the singular as it will appear in
// `SubjectSpec.noun`; plurals are derived (regular English rules) unless listed.

extension SceneReader {
    /// One subject noun: its family, the setting it implies when the text names none, and its plurals.
    struct NounInfo: Sendable, Hashable {
        var noun: String
        var family: SubjectFamily
        /// The setting this noun implies when the text names none (nil: the family's default).
        var home: Setting?
        /// Plural forms; the regular plural when the table lists none.
        var plurals: [String]
        /// Singular and plural are the same word ("sheep", "fish", "deer").
        var invariant: Bool
    }

    /// A compact table entry: "wolf/wolves" lists an irregular plural, "sheep=" marks an invariant
    /// noun (plural = singular), "fish=/fishes" both; "@beach" after a space gives the noun's home.
    static let nounTable: [(SubjectFamily, [String])] = [
        (.person, [
            "person/people/persons", "man/men", "woman/women", "child/children", "boy", "girl", "baby", "kid",
            "toddler", "teenager", "lady", "gentleman/gentlemen", "king", "queen", "prince", "princess", "knight",
            "farmer @field", "fisherman/fishermen @lake", "sailor @ocean", "soldier", "dancer", "runner", "jogger",
            "astronaut @space", "pilot", "doctor", "nurse", "teacher", "student", "chef", "cowboy", "clown",
            "wizard", "witch", "pirate", "ninja", "robot", "musician", "skier @snow", "surfer @beach", "swimmer",
            "cyclist", "hiker @mountains", "mother", "father", "grandmother", "grandfather", "grandma", "grandpa",
            "friend", "stranger", "traveler", "traveller", "policeman/policemen", "firefighter", "mermaid @underwater",
            "fairy", "ghost", "angel", "monk", "guy", "diver @underwater", "scuba diver @underwater",
        ]),
        (.landAnimal, [
            "dog", "puppy", "cat", "kitten", "horse", "pony", "foal", "cow", "calf/calves", "bull", "ox/oxen", "pig",
            "piglet", "sheep=", "lamb", "goat", "deer=", "moose=", "reindeer= @snow", "elk=", "fox", "wolf/wolves",
            "bear", "polar bear @snow", "lion", "lioness", "tiger", "leopard", "snow leopard @snow", "cheetah",
            "panther", "jaguar", "elephant", "giraffe", "zebra", "rhino", "rhinoceros", "hippo", "hippopotamus",
            "rabbit", "bunny", "hare", "mouse/mice", "rat", "hamster", "squirrel @forest", "chipmunk", "monkey",
            "ape", "gorilla", "chimpanzee", "camel @desert", "llama", "alpaca", "kangaroo", "koala", "panda",
            "raccoon", "hedgehog", "badger", "beaver", "frog", "toad", "turtle", "tortoise", "snake", "lizard",
            "iguana", "crocodile", "alligator", "dinosaur", "dragon", "unicorn", "chicken @field", "rooster @field",
            "hen @field", "chick", "turkey", "donkey", "mule", "ant", "spider", "snail", "beetle", "caterpillar",
            "worm", "scorpion @desert", "bison=", "buffalo=/buffaloes", "penguin @snow", "peacock", "ostrich",
            "emu", "yak", "boar", "hyena", "meerkat @desert", "sloth", "porcupine", "skunk",
        ]),
        (.airAnimal, [
            "bird", "eagle", "hawk", "falcon", "owl", "parrot", "pigeon", "dove", "crow", "raven", "sparrow", "robin",
            "seagull @beach", "gull @beach", "swan @lake", "duck @lake", "duckling @lake", "goose/geese @lake",
            "flamingo @lake", "pelican @beach", "stork", "heron @lake", "hummingbird", "bat", "butterfly", "moth",
            "bee", "bumblebee", "wasp", "dragonfly", "ladybug", "ladybird", "firefly", "mosquito/mosquitoes",
            "vulture", "condor", "albatross", "kingfisher", "woodpecker", "magpie", "swallow", "starling", "finch",
            "canary", "toucan", "phoenix", "pterodactyl", "griffin",
        ]),
        (.waterAnimal, [
            "fish=/fishes", "goldfish=", "shark", "whale", "dolphin", "orca", "killer whale", "octopus/octopuses/octopi",
            "squid=", "jellyfish=/jellyfishes", "crab @beach", "lobster", "shrimp=", "seal @beach", "sea lion @beach",
            "walrus @snow", "otter @lake", "starfish=", "seahorse", "stingray", "manta ray", "eel", "salmon= @lake",
            "trout= @lake", "tuna=", "clownfish=", "sea turtle", "manatee", "narwhal",
        ]),
        (.landVehicle, [
            "car", "truck", "bus", "train @field", "tram", "bicycle", "bike", "motorcycle", "motorbike", "scooter",
            "tractor @field", "taxi", "cab", "van", "jeep", "fire truck", "fire engine", "police car", "ambulance",
            "race car", "racecar", "sports car", "locomotive @field", "wagon @field", "carriage", "cart", "tank",
            "skateboard", "limousine", "bulldozer", "sled @snow", "sleigh @snow", "snowmobile @snow", "rickshaw",
        ]),
        (.waterVehicle, [
            "boat", "ship", "sailboat", "yacht", "canoe @lake", "kayak @lake", "submarine @underwater", "ferry",
            "raft @lake", "rowboat @lake", "steamboat", "tugboat", "gondola @lake", "speedboat", "jetski",
            "cruise ship", "pirate ship", "fishing boat", "lifeboat", "surfboard @beach", "barge", "catamaran",
            "schooner", "galleon", "paper boat @lake",
        ]),
        (.airVehicle, [
            "plane", "airplane", "aeroplane", "jet", "airliner", "helicopter", "hot air balloon", "blimp", "airship",
            "zeppelin", "rocket @space", "spaceship @space", "spacecraft= @space", "space shuttle @space",
            "ufo", "flying saucer", "drone", "glider", "kite @field", "satellite @space", "biplane", "paper plane",
            "paraglider", "parachute",
        ]),
        (.building, [
            "house", "cottage", "cabin @forest", "castle", "tower", "lighthouse @beach", "church", "chapel",
            "cathedral", "skyscraper @cityStreet", "barn @field", "windmill @field", "bridge", "temple", "palace",
            "hut", "tent", "school", "shop", "store", "hospital", "factory", "mill", "igloo @snow",
            "pyramid @desert", "building @cityStreet", "farmhouse @field", "mosque", "pagoda", "fort", "fortress",
            "museum", "cafe", "stadium", "station", "treehouse @forest", "sandcastle @beach", "monument", "shed",
            "garage", "greenhouse", "hotel", "apartment @cityStreet",
        ]),
        (.plant, [
            "tree", "oak", "oak tree", "pine", "pine tree", "palm @beach", "palm tree @beach", "willow", "birch",
            "maple", "cherry tree", "apple tree", "christmas tree", "flower", "rose", "tulip", "sunflower", "daisy",
            "lily", "orchid", "violet", "lavender", "dandelion", "poppy", "lotus @lake", "cactus/cacti/cactuses @desert",
            "bush", "shrub", "fern @forest", "mushroom @forest", "leaf/leaves", "vine", "bamboo=", "seaweed= @underwater",
            "kelp= @underwater", "cherry blossom", "blossom", "hedge", "ivy=", "clover", "sapling", "bonsai",
            "reed @lake", "lily pad @lake",
        ]),
        (.skyBody, [
            "sun", "moon", "star", "shooting star", "planet @space", "comet", "meteor", "asteroid @space", "rainbow",
            "cloud", "aurora", "constellation", "supernova @space",
        ]),
        (.object, [
            "ball", "beach ball @beach", "balloon", "box", "chair", "table", "lamp", "clock", "book", "cup", "mug",
            "bottle", "umbrella", "hat", "key", "phone", "guitar", "piano", "violin", "drum", "bell", "candle",
            "lantern", "bag", "basket", "apple", "orange", "banana", "cake", "pizza", "toy", "teddy bear", "feather",
            "rock", "stone", "pebble", "shell @beach", "seashell @beach", "bubble", "ring", "coin", "crown", "sword",
            "flag", "cube", "sphere", "heart", "bench", "door", "window", "mirror", "vase", "teapot", "kettle",
            "cupcake", "present", "gift", "bucket", "snowman/snowmen @snow", "snowball @snow", "statue", "fountain",
            "wheel", "barrel", "crate", "ladder", "sofa @room", "couch @room", "bed @room", "desk @room",
            "television @room", "computer", "laptop", "torch", "pumpkin", "egg", "carrot", "ribbon", "scarf/scarves",
            "pillow", "paper", "letter", "spinning top", "dice=", "hourglass", "treasure chest", "anchor",
        ]),
    ]

    /// Words that need one noun's plural to be read specially: the reader treats "cloud(s)" and
    /// "star(s)" by context (subject, setting or weather), see `SceneReader+Parser.swift`.
    static let contextualNouns: Set<String> = ["cloud", "star"]

    /// Parses `nounTable` into noun records.
    static let nounInfos: [NounInfo] = {
        var result: [NounInfo] = []
        for (family, entries) in nounTable {
            for entry in entries {
                var spec = entry
                var home: Setting?
                if let at = spec.firstIndex(of: "@") {
                    let name = String(spec[spec.index(after: at)...])
                    home = Setting(rawValue: name)
                    spec = trimSpaces(String(spec[..<at]))
                }
                var parts = spec.split(separator: "/").map(String.init)
                var singular = parts.removeFirst()
                var invariant = false
                if singular.hasSuffix("=") {
                    invariant = true
                    singular.removeLast()
                }
                var plurals = parts
                if invariant { plurals.insert(singular, at: 0) }
                if plurals.isEmpty { plurals = [regularPlural(of: singular)] }
                result.append(
                    NounInfo(noun: singular, family: family, home: home, plurals: plurals, invariant: invariant))
            }
        }
        return result
    }()

    static func trimSpaces(_ text: String) -> String {
        var s = Substring(text)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }

    /// English regular plural of a (possibly multiword) noun: the last word is inflected.
    static func regularPlural(of noun: String) -> String {
        var words = noun.split(separator: " ").map(String.init)
        guard let last = words.popLast() else { return noun }
        let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
        let plural: String
        if last.hasSuffix("s") || last.hasSuffix("x") || last.hasSuffix("z") || last.hasSuffix("ch")
            || last.hasSuffix("sh")
        {
            plural = last + "es"
        } else if last.hasSuffix("y"), last.count > 1, !vowels.contains(last[last.index(last.endIndex, offsetBy: -2)]) {
            plural = String(last.dropLast()) + "ies"
        } else {
            plural = last + "s"
        }
        words.append(plural)
        return words.joined(separator: " ")
    }
}
