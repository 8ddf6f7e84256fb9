// jobInsight: asks a Job Insight daemon to analyse this build once it has finished,
// and prints the report URL in the build log.
//
//   post { unsuccessful { jobInsight() } }
//   post { unsuccessful { jobInsight(server: 'http://jji.internal:8000', aiProvider: 'claude', aiModel: 'sonnet') } }
//
// Options (all optional):
//   server          daemon URL; default env.JJI_SERVER, else http://localhost:8000
//   aiProvider      claude | gemini | cursor | a configured custom provider
//   aiModel         model name for the provider
//   pollMinutes     how often the daemon polls this build until it has finished (default 1)
//   maxWaitMinutes  give up waiting after this long (default 0: no limit)
//   extra           a Map merged into the request body (any POST /analyze field)
//   failOnError     fail the build when the daemon cannot be reached (default false)
//
// The step runs inside the build, so the build is still "building" when the request
// arrives: the daemon waits for it (wait_for_completion) without holding a worker.
// Needs the HTTP Request plugin (httpRequest step).
import groovy.json.JsonOutput
import groovy.json.JsonSlurperClassic

def call(Map options = [:]) {
    String server = (options.server ?: env.JJI_SERVER ?: 'http://localhost:8000').replaceAll('/+$', '')
    Map body = [
        job_name             : env.JOB_NAME,
        build_number         : env.BUILD_NUMBER as Integer,
        wait_for_completion  : true,
        poll_interval_minutes: (options.pollMinutes ?: 1) as Integer,
        max_wait_minutes     : (options.maxWaitMinutes ?: 0) as Integer,
    ]
    if (options.aiProvider) {
        body.ai_provider = options.aiProvider
    }
    if (options.aiModel) {
        body.ai_model = options.aiModel
    }
    body.putAll(options.extra ?: [:])

    try {
        def response = httpRequest(
            url: "${server}/analyze",
            httpMode: 'POST',
            contentType: 'APPLICATION_JSON',
            requestBody: JsonOutput.toJson(body),
            validResponseCodes: '202',
            consoleLogResponseBody: false,
            quiet: true)
        Map queued = new JsonSlurperClassic().parseText(response.content) as Map
        String report = queued.html_report_url ?: "/results/${queued.job_id}.html"
        if (report.startsWith('/')) {
            report = server + report // the daemon has no PUBLIC_BASE_URL set
        }
        echo "Job Insight: analysis ${queued.job_id} queued; report: ${report}"
        return queued.job_id
    } catch (err) {
        echo "Job Insight: could not queue the analysis at ${server}: ${err}"
        if (options.failOnError) {
            throw err
        }
        return null
    }
}
