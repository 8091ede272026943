// Package tcdata is TencentCloud API 3.0's common data types, as the
// products behind that protocol receive and answer them, and their rules
// (tdmq.md §6: Tag, TagFilter, Filter). One definition, so that a list
// mixing products (the fusion list of 4.x and 5.x instances) applies one
// rule. It knows nothing of HTTP, so the products' stores may use it.
package tcdata

// Tag is a resource tag as stored and answered.
type Tag struct {
	TagKey   string `json:"TagKey"`
	TagValue string `json:"TagValue"`
}

// TagIn is a Tag as a request carries it: either field may be absent.
type TagIn struct {
	TagKey   *string `json:"TagKey"`
	TagValue *string `json:"TagValue"`
}

// TagFilter selects resources by tag.
type TagFilter struct {
	TagKey    *string   `json:"TagKey"`
	TagValues []*string `json:"TagValues"`
}

// Filter is an entry of a list's Filters.
type Filter struct {
	Name   *string   `json:"Name"`
	Values []*string `json:"Values"`
}

// Tags turns request tags into stored ones: a null entry is dropped, an
// absent field is empty.
func Tags(in []*TagIn) []Tag {
	out := make([]Tag, 0, len(in))
	for _, t := range in {
		if t == nil {
			continue
		}
		var tg Tag
		if t.TagKey != nil {
			tg.TagKey = *t.TagKey
		}
		if t.TagValue != nil {
			tg.TagValue = *t.TagValue
		}
		out = append(out, tg)
	}
	return out
}

// TagsMatch tells whether tags pass every filter: each needs a tag with
// its key and, when it lists values, one of them. A null filter, or one
// without a key, selects nothing away (emulator choice: the document marks
// no field of TagFilter required, and a null Filters entry is ignored too).
func TagsMatch(tags []Tag, filters []*TagFilter) bool {
	for _, f := range filters {
		if f == nil || f.TagKey == nil {
			continue
		}
		anyValue := !containsAny(f.TagValues) // no values listed (nulls are not values)
		hit := false
		for _, t := range tags {
			if t.TagKey == *f.TagKey && (anyValue || containsValue(f.TagValues, t.TagValue)) {
				hit = true
				break
			}
		}
		if !hit {
			return false
		}
	}
	return true
}

func containsAny(values []*string) bool {
	for _, x := range values {
		if x != nil {
			return true
		}
	}
	return false
}

func containsValue(values []*string, v string) bool {
	for _, x := range values {
		if x != nil && *x == v {
			return true
		}
	}
	return false
}

// Strings returns optional strings without their nulls: a Filter's or a
// TagFilter's values.
func Strings(ps []*string) []string {
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		if p != nil {
			out = append(out, *p)
		}
	}
	return out
}
