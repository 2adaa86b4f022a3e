/// Which list a person is working through: the queue (most uncertain first) or the random sample.
public enum ReviewList: String, Sendable {
    case queue, sample
}
