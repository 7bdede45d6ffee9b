extension Decision: JSONSinkWritable {
    /// Every accepted event stores its decision, with a trace entry per rule tried: written member by member,
    /// as the synthesized `Encodable` conformances write them.
    func write(to sink: JSONSink) throws {
        var object = JSONObjectWriter(sink)
        object.objects("trace", trace) { entry, step in
            entry.string("rule", step.rule)
            entry.string("result", step.result.rawValue)
            entry.string("failedCondition", ifPresent: step.failedCondition)
        }
        if case .deliver(let draft) = outcome {
            // A case's unlabeled value is keyed `_0` by the synthesized conformance.
            try object.object("outcome") { outcome in
                try outcome.object("deliver") { deliver in try deliver.writable("_0", draft) }
            }
        } else {
            try object.value("outcome", outcome)
        }
        object.close()
    }
}
