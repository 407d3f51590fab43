package data_test

import (
	"testing"

	"codeberg.org/plenary/plenary/data"
	"codeberg.org/plenary/plenary/data/datatest"
)

func BenchmarkLoadScoresLarge(b *testing.B) {
	fsys := datatest.Scores(250, 16)
	for b.Loop() {
		if d, probs := data.LoadScores(fsys); d == nil {
			b.Fatal(probs)
		}
	}
}

func BenchmarkLoadScoresEmbedded(b *testing.B) {
	fsys := data.Embedded()
	for b.Loop() {
		if d, probs := data.LoadScores(fsys); d == nil {
			b.Fatal(probs)
		}
	}
}

func TestGeneratedScoresAreValid(t *testing.T) {
	d, probs := data.LoadScores(datatest.Scores(250, 16))
	if d == nil || len(probs) > 0 {
		t.Fatalf("generated dataset: %v", probs[:min(len(probs), 5)])
	}
	if len(d.Editions) != 16 || len(d.Scores["2025"].Rows) != 249 {
		t.Errorf("%d editions, %d rows", len(d.Editions), len(d.Scores["2025"].Rows))
	}
}
