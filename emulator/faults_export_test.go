package emulator

// OnScenarioReload lets tests wait for the reload of a changed scenario file
// instead of sleeping: f is told the outcome of every reload.
func OnScenarioReload(e *Emulator, f func(error)) {
	st := e.faults
	st.mu.Lock()
	st.reloaded = f
	st.mu.Unlock()
}
