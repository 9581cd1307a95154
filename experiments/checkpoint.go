package experiments

// checkpointHook, when set by a test, is called at each step of writing a
// results directory, where a kill could stop the process: the test looks
// at what the directory would hold then.
var checkpointHook func(step string)

// checkpoint marks a step of writing a results directory.
func checkpoint(step string) {
	if checkpointHook != nil {
		checkpointHook(step)
	}
}
