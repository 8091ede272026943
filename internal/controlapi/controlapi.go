// Package controlapi is what every /_mqmock control endpoint shares,
// whichever front door or product mounts it: the error answer design.md
// gives them and the strict reading of a JSON request body.
package controlapi

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"
)

// MaxBody bounds a control request's JSON body: the largest legitimate one
// (a scenario or a list of consumers) is a few KiB.
const MaxBody = 1 << 20

// Fail answers the control API's error shape, {"error": msg}, and stops
// the handler chain.
func Fail(c *gin.Context, status int, msg string) {
	c.AbortWithStatusJSON(status, gin.H{"error": msg})
}

// DecodeJSON reads one JSON value from the request body into dst: at most
// MaxBody bytes, unknown fields refused (a misspelt key is an error, never
// a silent default), nothing after the value.
//
// It is encoding/json, not gin's ShouldBindJSON: that runs gin's struct
// validator, which none of these bodies use, and merely linking it costs
// every start 1.8 ms of initialisation and turns off the linker's removal
// of unused methods for the whole binary (the validator looks methods up
// by name), issue 17.
func DecodeJSON(c *gin.Context, dst any) error {
	dec := json.NewDecoder(http.MaxBytesReader(c.Writer, c.Request.Body, MaxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("trailing data after the JSON value")
	}
	return nil
}
