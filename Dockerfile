# juece on Airflow's official image: the archive's fonts and colour profile, and juece with its
# pinned dependencies, installed when the image is built (nothing is installed at container start);
# the LDAP headers and a compiler let pip build the pinned python-ldap (FAB's LDAP sign-in).
# docker-compose.yaml runs it; tests/unit/test_compose.py keeps it equal to the natively tested
# stack (`make stack`: the same Airflow, Python, executor, services and pins).
FROM apache/airflow:3.3.2-python3.11

USER root
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      fonts-arphic-uming fonts-wqy-zenhei fonts-hanazono fonts-symbola libgs-common poppler-utils \
      libldap2-dev libsasl2-dev gcc \
 && rm -rf /var/lib/apt/lists/*

USER airflow
COPY --chown=airflow:root requirements.lock pyproject.toml README.md /opt/juece/
COPY --chown=airflow:root plugins /opt/juece/plugins
COPY --chown=airflow:root dags /opt/juece/dags
COPY --chown=airflow:root templates /opt/juece/templates
# the lock pins every version juece is tested with; only juece's own dependencies are installed
RUN pip install --no-cache-dir --constraint /opt/juece/requirements.lock /opt/juece

ENV AIRFLOW__CORE__DAGS_FOLDER=/opt/juece/dags \
    AIRFLOW__CORE__PLUGINS_FOLDER=/opt/juece/plugins \
    AIRFLOW__CORE__LOAD_EXAMPLES=False
