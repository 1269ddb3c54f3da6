CREATE DATABASE rasa OWNER localoffer;
