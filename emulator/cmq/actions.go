package cmq

import "github.com/mqmock/mqmock/internal/pipeline"

type queueRef struct {
	QueueID   string `json:"queueId"`
	QueueName string `json:"queueName"`
}

type listQueueResult struct {
	TotalCount int        `json:"totalCount"`
	QueueList  []queueRef `json:"queueList"`
}

func (s *Server) listQueue(call *pipeline.Call) (any, error) {
	return listQueueResult{QueueList: []queueRef{}}, nil
}
