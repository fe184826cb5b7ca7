{{/* Chart name. */}}
{{- define "dtm-server.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name: release-chart, truncated to 63 characters. */}}
{{- define "dtm-server.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Common labels: Kubernetes' recommended app.kubernetes.io/* set, on every object and pod. */}}
{{- define "dtm-server.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "dtm-server.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: coordinator
app.kubernetes.io/part-of: dtm
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Selector labels. */}}
{{- define "dtm-server.selectorLabels" -}}
app.kubernetes.io/name: {{ include "dtm-server.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Service account name. */}}
{{- define "dtm-server.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "dtm-server.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Pods: the embedded H2 store is single-process, so it always runs one pod. */}}
{{- define "dtm-server.replicas" -}}
{{- if eq .Values.store.kind "h2" }}1{{ else }}{{ .Values.replicaCount }}{{ end }}
{{- end }}
