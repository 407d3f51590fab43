// Package blockfont draws large text in block letters for slides.
package blockfont

import (
	"strings"
	"unicode"
)

// A block font five rows tall, drawn by plenary itself so that headline
// numbers and short titles read from the back of a room on any terminal,
// without font tricks. '#' marks a filled cell.
var blockGlyphs = map[rune][5]string{
	'A':  {" ## ", "#  #", "####", "#  #", "#  #"},
	'B':  {"### ", "#  #", "### ", "#  #", "### "},
	'C':  {" ###", "#   ", "#   ", "#   ", " ###"},
	'D':  {"### ", "#  #", "#  #", "#  #", "### "},
	'E':  {"####", "#   ", "### ", "#   ", "####"},
	'F':  {"####", "#   ", "### ", "#   ", "#   "},
	'G':  {" ###", "#   ", "# ##", "#  #", " ###"},
	'H':  {"#  #", "#  #", "####", "#  #", "#  #"},
	'I':  {"###", " # ", " # ", " # ", "###"},
	'J':  {"  ##", "   #", "   #", "#  #", " ## "},
	'K':  {"#  #", "# # ", "##  ", "# # ", "#  #"},
	'L':  {"#   ", "#   ", "#   ", "#   ", "####"},
	'M':  {"#   #", "## ##", "# # #", "#   #", "#   #"},
	'N':  {"#   #", "##  #", "# # #", "#  ##", "#   #"},
	'O':  {" ## ", "#  #", "#  #", "#  #", " ## "},
	'P':  {"### ", "#  #", "### ", "#   ", "#   "},
	'Q':  {" ## ", "#  #", "#  #", "# ##", " ###"},
	'R':  {"### ", "#  #", "### ", "# # ", "#  #"},
	'S':  {" ###", "#   ", " ## ", "   #", "### "},
	'T':  {"#####", "  #  ", "  #  ", "  #  ", "  #  "},
	'U':  {"#  #", "#  #", "#  #", "#  #", " ## "},
	'V':  {"#   #", "#   #", "#   #", " # # ", "  #  "},
	'W':  {"#   #", "#   #", "# # #", "## ##", "#   #"},
	'X':  {"#   #", " # # ", "  #  ", " # # ", "#   #"},
	'Y':  {"#   #", " # # ", "  #  ", "  #  ", "  #  "},
	'Z':  {"####", "   #", "  # ", " #  ", "####"},
	'0':  {" ## ", "#  #", "#  #", "#  #", " ## "},
	'1':  {" # ", "## ", " # ", " # ", "###"},
	'2':  {"### ", "   #", " ## ", "#   ", "####"},
	'3':  {"### ", "   #", " ## ", "   #", "### "},
	'4':  {"#  #", "#  #", "####", "   #", "   #"},
	'5':  {"####", "#   ", "### ", "   #", "### "},
	'6':  {" ## ", "#   ", "### ", "#  #", " ## "},
	'7':  {"####", "   #", "  # ", " #  ", " #  "},
	'8':  {" ## ", "#  #", " ## ", "#  #", " ## "},
	'9':  {" ## ", "#  #", " ###", "   #", " ## "},
	'.':  {" ", " ", " ", " ", "#"},
	',':  {"  ", "  ", "  ", " #", "# "},
	':':  {" ", "#", " ", "#", " "},
	'%':  {"#   #", "   # ", "  #  ", " #   ", "#   #"},
	'+':  {"   ", " # ", "###", " # ", "   "},
	'−':  {"   ", "   ", "###", "   ", "   "},
	'-':  {"   ", "   ", "###", "   ", "   "},
	'–':  {"   ", "   ", "###", "   ", "   "},
	'/':  {"   #", "  # ", " #  ", "#   ", "    "},
	'(':  {" #", "# ", "# ", "# ", " #"},
	')':  {"# ", " #", " #", " #", "# "},
	'?':  {"### ", "   #", " ## ", "    ", " #  "},
	'!':  {"#", "#", "#", " ", "#"},
	'\'': {"#", "#", " ", " ", " "},
	'&':  {" #  ", "# # ", " #  ", "# ##", " ## "},
	' ':  {"  ", "  ", "  ", "  ", "  "},
}

// blockChar maps a rune to the glyph drawn for it: letters without their
// accents (Türkiye, Côte), lower case as upper case, others as '?'.
func blockChar(r rune) rune {
	r = unicode.ToUpper(r)
	if _, ok := blockGlyphs[r]; ok {
		return r
	}
	if b, ok := foldAccent[r]; ok {
		return b
	}
	return '?'
}

var foldAccent = map[rune]rune{'À': 'A', 'Á': 'A', 'Â': 'A', 'Ä': 'A', 'Ã': 'A', 'Å': 'A', 'Ç': 'C', 'È': 'E', 'É': 'E',
	'Ê': 'E', 'Ë': 'E', 'Ì': 'I', 'Í': 'I', 'Î': 'I', 'Ï': 'I', 'Ñ': 'N', 'Ò': 'O', 'Ó': 'O', 'Ô': 'O', 'Ö': 'O',
	'Õ': 'O', 'Ø': 'O', 'Ù': 'U', 'Ú': 'U', 'Û': 'U', 'Ü': 'U', 'Ý': 'Y', 'Ş': 'S', 'Ğ': 'G', 'İ': 'I'}

// BlockWidth is the width of s in the block font, one column between glyphs.
func BlockWidth(s string) int {
	w := 0
	for i, r := range []rune(s) {
		if i > 0 {
			w++
		}
		g := blockGlyphs[blockChar(r)]
		w += len([]rune(g[0]))
	}
	return w
}

// BlockText draws s in five rows; filled cells are full blocks.
func BlockText(s string) [5]string {
	var rows [5]strings.Builder
	for i, r := range []rune(s) {
		g := blockGlyphs[blockChar(r)]
		for row := range 5 {
			if i > 0 {
				rows[row].WriteByte(' ')
			}
			rows[row].WriteString(strings.ReplaceAll(g[row], "#", "█"))
		}
	}
	var out [5]string
	for i := range rows {
		out[i] = rows[i].String()
	}
	return out
}
