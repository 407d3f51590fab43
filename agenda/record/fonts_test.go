package record_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/plenary/plenary/agenda/record"
)

// TestPDFEveryGlyph: a page with Korean, Türkiye and Château — in a
// heading, a paragraph and a table cell — prints every character, read
// back from the PDF with pdftotext: Korean in NanumSquare, the rest in
// Liberation Sans, both embedded (pdffonts); a script no embedded face
// draws prints as □ and the export is told which text holds it. Nothing
// prints over anything: each run is set in its own face, at its own width.
func TestPDFEveryGlyph(t *testing.T) {
	for _, tool := range []string{"pdftotext", "pdffonts"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skip(tool, "is not installed (CI installs poppler-utils: .ci/run)")
		}
	}
	md := "# Record\n\n## 한국 데이터 정책\n\n" +
		"Korea (대한민국) presented 공공데이터 포털 with Türkiye and the Château de la Muette.\n\n" +
		"Thai: ภาษาไทย here.\n\n" +
		"| Action | Owner |\n|---|---|\n| 자료 공유 | Türkiye |\n"
	var warned []string
	b, err := record.PDFWith("Record", md, record.A4, nil, record.Meta{Warn: func(m record.Missing) { warned = append(warned, m.String()) }})
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	text, err := exec.Command("pdftotext", "-layout", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"한국 데이터 정책", "Korea (대한민국) presented 공공데이터 포털 with Türkiye and the Château de la Muette.", "자료 공유", "Thai: □□□□□□□ here."} {
		if !strings.Contains(string(text), want) {
			t.Errorf("the PDF's text lacks %q:\n%s", want, text)
		}
	}
	faces, err := exec.Command("pdffonts", file).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"liberationsans", "nanumsquare"} { // fpdf's names, lower case
		if !strings.Contains(string(faces), want) {
			t.Errorf("no %s embedded:\n%s", want, faces)
		}
	}
	if len(warned) != 1 || !strings.Contains(warned[0], `"ภาษาไทย"`) || !strings.Contains(warned[0], "Thai: ภาษาไทย here.") {
		t.Errorf("the warnings: %q", warned)
	}
}
