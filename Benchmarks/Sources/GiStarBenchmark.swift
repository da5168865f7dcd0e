enum GiStarBenchmark { static func run(_ args: [String]) throws {} }
