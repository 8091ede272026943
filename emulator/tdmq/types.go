package tdmq

// Data types both generations use, with the SDK's field names and types.

// filter is the API's Filter data type.
type filter struct {
	Name   *string   `json:"Name"`
	Values []*string `json:"Values"`
}

// tagFilter is the API's TagFilter data type.
type tagFilter struct {
	TagKey    *string   `json:"TagKey"`
	TagValues []*string `json:"TagValues"`
}

// tag is the API's Tag data type in both generations (request and response
// alike).
type tag struct {
	TagKey   *string `json:"TagKey"`
	TagValue *string `json:"TagValue"`
}
