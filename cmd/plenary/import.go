package main

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing/fstest"

	"github.com/google/renameio/v2"
	"github.com/spf13/cobra"

	"codeberg.org/plenary/plenary/data"
	"codeberg.org/plenary/plenary/data/strict"
)

func newImportCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import",
		Short: "Import data into a bundle",
	}
	cmd.AddCommand(newImportSDMXCmd())
	return cmd
}

func newImportSDMXCmd() *cobra.Command {
	var dir, edition, status string
	var year int
	var pillarMax float64
	var composite string
	var measures []string
	var force bool
	cmd := &cobra.Command{
		Use:   "sdmx FILE --bundle DIR --edition E",
		Short: "Import an OECD Data Explorer export (SDMX-CSV) as an edition's scores",
		Long: `import sdmx reads an OECD Data Explorer export (SDMX-CSV; a BOM, ',' or ';',
STRUCTURE or DATAFLOW headers and "ID: Name" labels are all understood) and
writes its values as imports/E.csv in the bundle. MEASURE=OUR is the
composite; map other measure codes to the index's pillars and sub-pillars
with --measure CODE=ID. When edition E is not in scores.toml, an [[edition]]
is added for it. Everything is validated before anything is written: on an
error nothing changes. Files are replaced atomically.`,
		Example: `  plenary import sdmx oecd-export.csv --bundle my-meeting --edition 2023 \
      --measure OUR_1=availability --measure OUR_2=accessibility --measure OUR_3=reuse`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return importSDMX(cmd, args[0], dir, edition, newEdition{status, year, pillarMax, composite}, measures, force)
		},
	}
	cmd.Flags().StringVar(&dir, "bundle", ".", "the bundle `DIR` to import into")
	cmd.Flags().StringVar(&edition, "edition", "", "the edition `E` the values belong to (required)")
	cmd.Flags().StringArrayVar(&measures, "measure", nil, "map an SDMX measure `CODE=ID` to an index measure (repeatable)")
	cmd.Flags().IntVar(&year, "year", 0, "year of a new edition (default: the edition id, when it is a year)")
	cmd.Flags().StringVar(&status, "status", "preliminary", "status of a new edition: preliminary, final or pilot")
	cmd.Flags().Float64Var(&pillarMax, "pillar-max", 0, "pillar scale of a new edition, e.g. 1 (default: the index's)")
	cmd.Flags().StringVar(&composite, "composite", "", "how a new edition's composite is made: sum or mean (default: the index's)")
	cmd.Flags().BoolVar(&force, "force", false, "replace an earlier import of the same edition")
	cmd.MarkFlagRequired("edition")
	return cmd
}

// newEdition is how to describe an edition the import adds.
type newEdition struct {
	status    string
	year      int
	pillarMax float64
	composite string
}

func importSDMX(cmd *cobra.Command, file, dir, edition string, ne newEdition, measureFlags []string, force bool) error {
	out := cleanWriter{cmd.OutOrStdout()} // for people: cleaned
	if !data.IsID(edition) {
		return usageErr("--edition %q is not an edition id (letters, digits, . _ -)", edition)
	}
	b, err := diskBundle(dir)
	if err != nil {
		return err
	}
	d, probs := data.LoadScores(b.fsys)
	if d == nil {
		printProblems(cmd.ErrOrStderr(), b, probs)
		if len(probs) == 0 {
			return usageErr("%s has no %s: an import needs the index it describes (plenary init writes one)", dir, data.ScoresFile)
		}
		return &exitError{code: 1, err: fmt.Errorf("the bundle's scores are not valid; fix them first (plenary check %s)", dir)}
	}
	mapping := map[string]string{}
	for _, f := range measureFlags {
		code, id, ok := strings.Cut(f, "=")
		if !ok || code == "" {
			return usageErr("--measure %q: want CODE=ID", f)
		}
		if _, known := d.Index.Measure(id); !known {
			var ids []string
			for _, m := range d.Index.Measures() {
				ids = append(ids, m.ID)
			}
			return usageErr("--measure %s: %q is not a measure of %s (%s)", f, id, d.Index.Name, strings.Join(ids, ", "))
		}
		mapping[code] = id
	}
	src, err := strict.ReadFile(os.DirFS(filepath.Dir(file)), filepath.Base(file))
	if err != nil {
		return usageErr("%w", err)
	}
	imp, probs := data.ReadSDMX(file, src, &d.Index, mapping)
	for _, p := range probs {
		fmt.Fprintln(cmd.ErrOrStderr(), p.String())
	}
	if imp == nil || probs.Errors() > 0 {
		return &exitError{code: 1, err: fmt.Errorf("nothing imported: %s in %s", plural(probs.Errors(), "error"), file)}
	}
	if len(imp.Observations) == 0 {
		return &exitError{code: 1, err: fmt.Errorf("nothing imported: %s has no value for %s", file, d.Index.Name)}
	}

	// What the import writes: the table, and scores.toml when the edition is new.
	table := path.Join("imports", edition+".csv")
	writes := map[string][]byte{table: []byte(data.LongCSV(edition, imp.Observations))}
	if _, err := fs.Stat(b.fsys, table); err == nil && !force {
		return usageErr("%s exists (an earlier import of edition %s); use --force to replace it", filepath.Join(dir, table), edition)
	}
	if _, exists := d.Edition(edition); !exists {
		if ne.year == 0 {
			y, err := strconv.Atoi(edition)
			if err != nil {
				return usageErr("edition %s is new: give its year with --year", edition)
			}
			ne.year = y
		}
		switch data.Status(ne.status) {
		case data.Preliminary, data.Final, data.Pilot:
		default:
			return usageErr("--status %q: want preliminary, final or pilot", ne.status)
		}
		toml, err := fs.ReadFile(b.fsys, data.ScoresFile)
		if err != nil {
			return err
		}
		block := fmt.Sprintf("\n[[edition]]\nid = %q\nyear = %d\nstatus = %q\nsource = %q\ntables = [%q]\n",
			edition, ne.year, ne.status, "Imported from "+filepath.Base(file)+" (OECD Data Explorer, SDMX-CSV)", table)
		if ne.pillarMax > 0 {
			block += fmt.Sprintf("pillar_max = %s\n", strconv.FormatFloat(ne.pillarMax, 'f', -1, 64))
		}
		if ne.composite != "" {
			block += fmt.Sprintf("composite = %q\n", ne.composite)
		}
		writes[data.ScoresFile] = append(append([]byte{}, toml...), block...)
	}

	// Validate the bundle as it would be, before writing anything.
	after, err := overlay(b.fsys, writes)
	if err != nil {
		return err
	}
	nd, nprobs := data.LoadScores(after)
	if nd == nil {
		printProblems(cmd.ErrOrStderr(), b, nprobs)
		return &exitError{code: 1, err: fmt.Errorf("nothing imported: the values do not fit %s", data.ScoresFile)}
	}
	first := imp.Observations[0]
	m, _ := nd.Index.Measure(first.Measure)
	added, _ := nd.Edition(edition)
	if v := nd.Value(added, first.Country, m); v != first.Value {
		return usageErr("%s does not read %s: add \"imports/*.csv\" to its tables, then import again", filepath.Join(dir, data.ScoresFile), table)
	}

	// Table first, then scores.toml: a stop between them leaves an unread file, never a broken bundle.
	for _, name := range []string{table, data.ScoresFile} {
		content, ok := writes[name]
		if !ok {
			continue
		}
		dst := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := renameio.WriteFile(dst, content, 0o644); err != nil {
			return err
		}
		fmt.Fprintln(out, "wrote", dst)
	}
	countries := map[string]bool{}
	for _, o := range imp.Observations {
		countries[o.Country] = true
	}
	fmt.Fprintf(out, "imported %s for %s into edition %s", plural(len(imp.Observations), "value"), plural(len(countries), "country"), edition)
	if imp.Skipped > 0 {
		fmt.Fprintf(out, "; %s skipped (empty OBS_VALUE or ACTION D)", plural(imp.Skipped, "row"))
	}
	fmt.Fprintln(out)
	return nil
}

// overlay is base with some files replaced or added, for validating a
// change before it is written. Bundles are small: it copies them.
func overlay(base fs.FS, files map[string][]byte) (fs.FS, error) {
	m := fstest.MapFS{}
	err := fs.WalkDir(base, ".", func(p string, de fs.DirEntry, err error) error {
		if err != nil || de.IsDir() {
			return err
		}
		if info, err := de.Info(); err != nil || info.Size() > strict.MaxFileSize {
			return nil // too large to be a bundle file; the loader reports it if named
		}
		b, err := fs.ReadFile(base, p)
		if err != nil {
			return err
		}
		m[p] = &fstest.MapFile{Data: b}
		return nil
	})
	for name, b := range files {
		m[name] = &fstest.MapFile{Data: b}
	}
	return m, err
}
