// The silhouette a subject is drawn with: its kind, proportions and natural size.

enum ShapeKind: Equatable {
    case person, quadruped, bird, butterfly, fish, jellyfish
    case car, bus, truck, bicycle, train
    case boat, ship, submarine
    case plane, helicopter, rocket, hotAirBalloon, saucer
    case house, tower, skyscraper, castle, windmill, lighthouse
    case tree, pine, palm, flower, cactus, bush, mushroom
    case sun, moon, star, planet, cloud
    case ball, kite, balloon, box, umbrella, blob
    // Kinds picked by noun (any family), see `Shape.byNoun`.
    case airship, drone, parachute, satellite
    case snake, turtle, groundBird, bug, frog, ape, bee, octopus, crab, starfish, ray, seal
    case tractor, tank
    case bridge, pyramid, tent, igloo, church, factory
    case rainbow, comet, rock
    case book, chair, lamp, table, clock, cup, bottle, candle, hat, heart, fruit, snowman, flag, screen, sofa
}

/// Body plan of a four-legged animal, in units of its height (feet at v = 0, up is negative v).
struct QuadParams: Equatable {
    var legLen = 0.45
    var bodyH = 0.32
    var bodyLen = 1.0
    var headU = 0.58
    var headV = -0.88
    var headR = 0.15
    var snout = 0.14
    var ears = 0  // 0 pointed, 1 round, 2 long (rabbit), 3 big flaps (elephant)
    var tailLen = 0.3
    var tailUp = 0.7
    var trunk = false
    var legR = 0.055
    var neckR = 0.09
    var wings = false
    var horn = false
}

enum Anchor { case ground, center }

/// A resolved silhouette: kind, proportions, natural size.
struct Shape {
    var kind: ShapeKind
    var quad = QuadParams()
    /// One local unit in frame heights at size medium.
    var unit: Double
    /// Half the width and the height of the drawing, in local units (for margins and placement).
    var halfWidth: Double
    var height: Double
    var anchor: Anchor
    /// Variant (fish elongation, bird kind, etc.).
    var variant = 0
}
