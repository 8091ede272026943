// Package scenarios holds mqmock's ready fault scenarios: files a user can
// load as they are (mqmock --scenario scenarios/<file>.yaml, or PUT them to
// /_mqmock/scenario). FS embeds them so Go tests can load one without a path.
package scenarios

import "embed"

// FS holds every ready scenario file.
//
//go:embed *.yaml
var FS embed.FS
