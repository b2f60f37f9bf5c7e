// Command bench-provider is the smallest OpenFaaS provider that lets OpenFaaS's own gateway (CE) run in front of one
// already-running watchdog, for `harness bench gateway --openfaas-gateway`. It exists only as a baseline: faas-netes
// and faasd need Kubernetes or containerd, which the bench machines do not have.
//
// The invocation path is faas-provider's own proxy (proxy.NewHandlerFunc, the code faas-netes and faasd forward
// with), so the chain measured is gateway -> provider proxy -> watchdog as OpenFaaS deploys it. What a real provider
// does besides (watching Kubernetes endpoints, deploying) is replaced by one fixed function that is always ready.
//
// Build it inside a checkout of github.com/openfaas/faas-provider (v0.23.0 is the newest that Go 1.19 builds), so
// that the module's vendored dependencies are used: see docs/performance/chain.md.
package main

import (
	"encoding/json"
	"log"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"time"

	"github.com/gorilla/mux"
	bootstrap "github.com/openfaas/faas-provider"
	"github.com/openfaas/faas-provider/proxy"
	"github.com/openfaas/faas-provider/types"
)

// fixedResolver resolves the one function to the watchdog the bench started; any other name has no endpoints.
type fixedResolver struct {
	name string
	url  url.URL
}

func (r fixedResolver) Resolve(name string) (url.URL, error) {
	if name != r.name {
		return url.URL{}, os.ErrNotExist
	}
	return r.url, nil
}

func main() {
	name := os.Getenv("function_name")
	target, err := url.Parse(os.Getenv("function_url"))
	if name == "" || err != nil || target.Host == "" {
		log.Fatalln("function_name and function_url (the watchdog's base URL) are required")
	}

	port := 8081 // faas-netes's port
	if p, err := strconv.Atoi(os.Getenv("port")); err == nil {
		port = p
	}

	config := types.FaaSConfig{
		TCPPort:             &port,
		ReadTimeout:         time.Minute,
		WriteTimeout:        time.Minute,
		MaxIdleConns:        1024, // faas-netes's defaults (max_idle_conns, max_idle_conns_per_host)
		MaxIdleConnsPerHost: 1024,
	}

	status := types.FunctionStatus{
		Name:              name,
		Image:             "bench",
		Namespace:         "openfaas-fn",
		Replicas:          1,
		AvailableReplicas: 1,
		CreatedAt:         time.Now(),
	}

	writeJSON := func(w http.ResponseWriter, v interface{}) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(v)
	}
	notImplemented := func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "not implemented by the bench provider", http.StatusNotImplemented)
	}

	handlers := types.FaaSHandlers{
		FunctionProxy: proxy.NewHandlerFunc(config, fixedResolver{name: name, url: *target}),
		FunctionLister: func(w http.ResponseWriter, r *http.Request) {
			writeJSON(w, []types.FunctionStatus{status})
		},
		FunctionStatus: func(w http.ResponseWriter, r *http.Request) {
			if mux.Vars(r)["name"] != name {
				http.NotFound(w, r)
				return
			}
			writeJSON(w, status)
		},
		ScaleFunction: func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusAccepted)
		},
		Info: func(w http.ResponseWriter, r *http.Request) {
			writeJSON(w, types.ProviderInfo{Name: "harness-bench-provider", Orchestration: "none", Version: &types.VersionInfo{Release: "bench", SHA: "none"}})
		},
		Health: func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusOK)
		},
		DeployFunction: notImplemented,
		UpdateFunction: notImplemented,
		DeleteFunction: notImplemented,
		Secrets:        notImplemented,
		Logs:           notImplemented,
		ListNamespaces: func(w http.ResponseWriter, r *http.Request) {
			writeJSON(w, []string{"openfaas-fn"})
		},
	}

	bootstrap.Serve(&handlers, &config)
}
