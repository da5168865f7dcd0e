enum KDEBenchmark { static func run(_ args: [String]) throws {} }
