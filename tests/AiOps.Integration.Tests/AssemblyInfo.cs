// The hosts and the test cluster share two cores; run one collection at a time so that latency
// assertions measure the system, not the other tests.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
