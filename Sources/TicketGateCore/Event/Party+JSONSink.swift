extension Party: JSONSinkWritable {
    /// An event's sender and a draft's requester, as the synthesized `Encodable` conformance writes it.
    func write(to sink: JSONSink) throws {
        var object = JSONObjectWriter(sink)
        object.string("email", ifPresent: email)
        object.string("name", ifPresent: name)
        object.close()
    }
}
