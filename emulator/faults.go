package emulator

import (
	"fmt"
	"os"

	"github.com/gin-gonic/gin"
)

// This file is the emulator's seam for the fault engine (faults/): the
// scenario and coverage endpoints, start-up scenario loading, and what a
// reset clears. Until the engine lands, scenarios are only checked to exist.

// initFaults builds the fault engine and the coverage counter once the
// vendors (and so their catalogues) exist, before any route is mounted.
func (e *Emulator) initFaults() error { return nil }

// mountFaults registers /_mqmock/scenario and /_mqmock/coverage.
func (e *Emulator) mountFaults(g *gin.RouterGroup) {}

// LoadScenarios loads the start-up scenario files, before the emulator
// reports ready.
func (e *Emulator) LoadScenarios(paths []string) error {
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			return fmt.Errorf("scenario %s: %w", p, unwrapPath(err))
		}
	}
	return nil
}

// resetFaults clears the active scenario, its counters and coverage.
func (e *Emulator) resetFaults() {}

func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
