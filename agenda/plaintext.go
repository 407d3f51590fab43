package agenda

import (
	"regexp"
	"strings"
	"sync"
)

var (
	mdLink     = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\[([^\]]*)\]\(([^)\s]*)\)`) })
	mdStrong   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(\*\*|__)(\S(?:.*?\S)?)(\*\*|__)`) })
	mdEmphasis = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(^|[\s(])[*_](\S(?:[^*_]*\S)?)[*_]([\s).,;:!?]|$)`) })
	mdCode     = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile("`([^`]*)`") })
	mdHeading  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\s{0,3}#{1,6}\s+`) })
	mdBullet   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\s*)[-*+]\s+`) })
)

// MarkdownText is Markdown as plain text, for places that show no
// formatting (a calendar's description): emphasis and code marks go,
// headings lose their #, bullets become •, a link keeps its text and its
// address in brackets. Lines and paragraphs stay as they are.
func MarkdownText(md string) string {
	lines := strings.Split(md, "\n")
	for i, l := range lines {
		l = mdHeading().ReplaceAllString(l, "")
		l = mdBullet().ReplaceAllString(l, "${1}• ")
		l = mdCode().ReplaceAllString(l, "$1")
		l = mdLink().ReplaceAllStringFunc(l, func(s string) string {
			m := mdLink().FindStringSubmatch(s)
			if m[1] == "" || m[1] == m[2] {
				return m[2]
			}
			return m[1] + " (" + m[2] + ")"
		})
		l = mdStrong().ReplaceAllString(l, "$2")
		l = mdEmphasis().ReplaceAllString(l, "$1$2$3")
		l = strings.NewReplacer(`\*`, "*", `\_`, "_", `\#`, "#", "\\`", "`").Replace(l)
		lines[i] = l
	}
	return strings.Join(lines, "\n")
}
