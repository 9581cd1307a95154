package experiments

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"
)

// maxStagedSize bounds one data file read from an fs.FS by LoadFS; larger
// ones are left for the distribution check to refuse.
const maxStagedSize = 256 << 20

// LoadFS reads and checks the experiment file name of fsys, like Load:
// for example a bundled experiment of examples.FS, or of an os.DirFS.
// Messages name the file as name. Relative empirical file: paths are read
// from fsys too, next to the experiment file. (They are copied to a
// temporary directory while the file is checked, and removed before
// LoadFS returns: the distributions hold their values.)
func LoadFS(fsys fs.FS, name string) (Experiment, error) {
	data, err := readLimitedFS(fsys, name)
	if err != nil {
		return Experiment{}, ErrorList{{File: name, Msg: err.Error()}}
	}
	dir := path.Dir(name)
	refs := dataFiles(data)
	if len(refs) == 0 {
		return parseIn(name, filepath.FromSlash(dir), data)
	}
	tmp, err := os.MkdirTemp("", "asyncsim-loadfs-")
	if err != nil {
		return Experiment{}, ErrorList{{File: name, Msg: "cannot read the data files of the experiment: " + err.Error()}}
	}
	defer os.RemoveAll(tmp)
	for _, ref := range refs {
		if err := stage(fsys, path.Join(dir, ref), tmp); err != nil {
			return Experiment{}, ErrorList{{File: name, Msg: err.Error()}}
		}
	}
	exp, err := parseIn(name, filepath.Join(tmp, filepath.FromSlash(dir)), data)
	var list ErrorList
	if errors.As(err, &list) {
		for _, e := range list { // "looked for x.csv", not for /tmp/.../x.csv
			e.Msg = strings.ReplaceAll(e.Msg, tmp+string(filepath.Separator), "")
		}
	}
	return exp, err
}

// readLimitedFS reads file name of fsys, of at most maxFileSize bytes.
func readLimitedFS(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("cannot read the experiment file: %w", err)
	}
	return readOpened(f)
}

// dataFiles returns the relative paths, in slash form, that the model and
// sweep of the experiment in data may read as empirical file: values: the
// values of file: keys and of swept paths ending in .file. Whether they
// are used, and valid, is for the check of the file to say.
func dataFiles(data []byte) (refs []string) {
	defer func() {
		if recover() != nil {
			refs = nil // the check of the file reports it
		}
	}()
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil {
		return nil
	}
	root := resolve(&doc)
	if root == nil || root.Kind != yaml.MappingNode {
		return nil
	}
	seen := map[string]bool{}
	add := func(n *yaml.Node) {
		if n = resolve(n); n == nil || n.Kind != yaml.ScalarNode {
			return
		}
		p := filepath.ToSlash(strings.TrimSpace(n.Value))
		if p == "" || filepath.IsAbs(p) || path.IsAbs(p) || seen[p] {
			return
		}
		seen[p] = true
		refs = append(refs, p)
	}
	var walk func(n *yaml.Node, depth int)
	walk = func(n *yaml.Node, depth int) {
		if n == nil || depth > 64 || len(refs) > 1000 {
			return
		}
		for i := 0; i+1 < len(n.Content) && n.Kind == yaml.MappingNode; i += 2 {
			if k := resolve(n.Content[i]); k != nil && k.Value == "file" {
				add(n.Content[i+1])
			}
		}
		for _, c := range n.Content { // aliases are walked where they are defined
			walk(c, depth+1)
		}
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := resolve(root.Content[i]), root.Content[i+1]
		switch {
		case k == nil:
		case k.Value == "model":
			walk(v, 0)
		case k.Value == "sweep":
			walk(v, 0)
			if m := resolve(v); m != nil && m.Kind == yaml.MappingNode {
				for j := 0; j+1 < len(m.Content); j += 2 {
					if sk := resolve(m.Content[j]); sk != nil && strings.HasSuffix(sk.Value, ".file") {
						if list := resolve(m.Content[j+1]); list != nil && list.Kind == yaml.SequenceNode {
							for _, c := range list.Content {
								add(c)
							}
						}
					}
				}
			}
		case strings.HasPrefix(k.Value, "x-"):
			walk(v, 0) // anchors shared by the model
		}
	}
	return refs
}

// stage copies the regular file name of fsys, if there is one, to the same
// path under dir. Names that fsys does not hold are left for the check of
// the experiment to report.
func stage(fsys fs.FS, name, dir string) error {
	if !fs.ValidPath(name) {
		return nil
	}
	st, err := fs.Stat(fsys, name)
	if err != nil || !st.Mode().IsRegular() {
		return nil
	}
	src, err := fsys.Open(name)
	if err != nil {
		return nil
	}
	defer src.Close()
	out := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return fmt.Errorf("cannot copy %s: %w", name, err)
	}
	dst, err := os.Create(out)
	if err != nil {
		return fmt.Errorf("cannot copy %s: %w", name, err)
	}
	_, err = io.Copy(dst, io.LimitReader(src, maxStagedSize+1))
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("cannot copy %s: %w", name, err)
	}
	return nil
}
