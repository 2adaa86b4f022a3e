import ArgumentParser
struct Tune: ParsableCommand {}
