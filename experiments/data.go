package experiments

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
	"reflect"

	"github.com/asyncsim/asyncsim/distributions"
)

var empiricalType = reflect.TypeFor[distributions.Empirical]()

// dataDigest returns the SHA-256 of the data of every empirical
// distribution and of the clients' profile in the models of exp's points
// (the contents of the files named by file:, as read, and inline values),
// or "" when there is none.
// The experiment file's own digest does not cover the data files it names,
// so this is what tells a resume or a merge that they were edited. Data
// shared between points is hashed once.
func dataDigest(exp *Experiment) string {
	h := sha256.New()
	found := false
	seen := map[[2]uintptr]string{}
	for p := range exp.Points {
		walkEmpirical(reflect.ValueOf(exp.Points[p].Model), "model", func(path string, e distributions.Empirical) {
			found = true
			key := [2]uintptr{0, uintptr(len(e.Values))}
			if len(e.Values) > 0 {
				key[0] = reflect.ValueOf(e.Values).Pointer()
			}
			d, ok := seen[key]
			if !ok {
				vh := sha256.New()
				var b [8]byte
				for _, v := range e.Values {
					binary.LittleEndian.PutUint64(b[:], uint64(v))
					vh.Write(b[:])
				}
				d = hex.EncodeToString(vh.Sum(nil))
				seen[key] = d
			}
			fmt.Fprintf(h, "%d %s %s\n", p, path, d)
		})
		if pts := exp.Points[p].Model.Clients.Profile.Points; len(pts) > 0 {
			found = true
			key := [2]uintptr{reflect.ValueOf(pts).Pointer(), uintptr(len(pts))}
			d, ok := seen[key]
			if !ok {
				vh := sha256.New()
				var b [8]byte
				for _, pt := range pts {
					for _, v := range []uint64{uint64(pt.At), math.Float64bits(pt.Value), uint64(pt.Ramp)} {
						binary.LittleEndian.PutUint64(b[:], v)
						vh.Write(b[:])
					}
				}
				d = hex.EncodeToString(vh.Sum(nil))
				seen[key] = d
			}
			fmt.Fprintf(h, "%d model.Clients.Profile %s\n", p, d)
		}
	}
	if !found {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
}

// walkEmpirical calls f with every empirical distribution reachable from v
// and its path, in field order.
func walkEmpirical(v reflect.Value, path string, f func(string, distributions.Empirical)) {
	switch v.Kind() {
	case reflect.Interface, reflect.Pointer:
		if !v.IsNil() {
			walkEmpirical(v.Elem(), path, f)
		}
	case reflect.Struct:
		if v.Type() == empiricalType {
			f(path, v.Interface().(distributions.Empirical))
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				walkEmpirical(v.Field(i), path+"."+v.Type().Field(i).Name, f)
			}
		}
	case reflect.Slice, reflect.Array:
		if k := v.Type().Elem().Kind(); k != reflect.Struct && k != reflect.Interface && k != reflect.Pointer {
			return
		}
		for i := range v.Len() {
			walkEmpirical(v.Index(i), fmt.Sprintf("%s[%d]", path, i), f)
		}
	}
}
