"""The juece Airflow plugin: the portal and API under /juece on Airflow's API server."""

from airflow.plugins_manager import AirflowPlugin

from juece.web.app import app
from juece.web.independence import IndependenceGuard
from juece.web.workflow_guard import WorkflowGuard


class JuecePlugin(AirflowPlugin):
    name = "juece"
    fastapi_apps = [{"app": app, "url_prefix": "/juece", "name": "juece portal 决策公众参与"}]
    # the office's desk and each person's own tasks in Airflow's navigation (links, pages of their own)
    external_views = [{"name": "决策工作台 Office desk", "href": "/juece/office/", "destination": "nav",
                       "category": "browse"},
                      {"name": "我的待办 My tasks", "href": "/juece/tasks/", "destination": "nav",
                       "category": "browse"}]
    # R-C6: experts' task contents stay sealed until the panel closes.
    # R-H5: only administrators change how decisions run (pause, trigger, clear, mark); people answer their tasks.
    fastapi_root_middlewares = [{"middleware": IndependenceGuard, "name": "juece expert independence"},
                                {"middleware": WorkflowGuard, "name": "juece workflow changes by administrators"}]
