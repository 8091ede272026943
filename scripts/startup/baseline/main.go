// Command baseline is scripts/startup's floor: the least a server built on
// mqmock's own libraries does to be ready. It reads its four listen
// addresses through viper from the environment, as mqmock does, and serves
// a fixed health answer with gin on each; nothing else. The script builds it
// with the shipped flags and measures it beside mqmock in the same run, so
// the ratio holds on a machine where absolute start-up times do not.
package main

import (
	"net"
	"net/http"
	"os"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/spf13/viper"
)

func main() {
	gin.SetMode(gin.ReleaseMode)
	v := viper.New()
	v.SetEnvPrefix("MQMOCK")
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	v.AutomaticEnv()
	errs := make(chan error, 4)
	for _, door := range []string{"cmq", "tdmq", "ons", "mqtt"} {
		l, err := net.Listen("tcp", v.GetString(door+".listen"))
		if err != nil {
			os.Exit(1)
		}
		r := gin.New()
		r.GET("/_mqmock/health", func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"status": "ok"}) })
		go func() { errs <- http.Serve(l, r) }()
	}
	<-errs
	os.Exit(1)
}
