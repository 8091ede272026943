package tdmq

// The two API versions served on this port and the service each selects.
// Action names alone are ambiguous (CreateTopic exists in both), so routing
// is by X-TC-Version, never by host or credential scope.
const (
	VersionTDMQ    = "2020-02-17"
	VersionTRocket = "2023-03-08"
)
