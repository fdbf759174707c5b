// Command hello-api serves a greeting over HTTP.
package main

import (
	"encoding/json"
	"flag"
	"log"
	"net/http"
	"time"
)

type greeting struct {
	Message string    `json:"message"`
	At      time.Time `json:"at"`
}

func hello(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	if name == "" {
		name = "world"
	}
	w.Header().Set("Content-Type", "application/json")
	if err := json.NewEncoder(w).Encode(greeting{Message: "hello, " + name, At: time.Now().UTC()}); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

func main() {
	addr := flag.String("addr", ":8080", "listen address")
	flag.Parse()
	mux := http.NewServeMux()
	mux.HandleFunc("/hello", hello)
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
	srv := &http.Server{Addr: *addr, Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	log.Printf("listening on %s", *addr)
	log.Fatal(srv.ListenAndServe())
}
